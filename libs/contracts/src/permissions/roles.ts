/**
 * The fixed set of actions and the roles that group them (README: "Roles and actions").
 * Decisions are made by the permissions service from this table; the gateway names one action
 * per protected route. Changing this table changes who may do what: update the README table
 * and the authorization matrix test with it.
 */
export const ACTIONS = [
  'catalogue.item.update',
  'catalogue.publication.publish',
  'catalogue.publication.secrecy_review',
  'rounds.round.manage',
  'rounds.task.submit',
  'rounds.task.review',
  'rounds.task.approve',
  'complaints.case.register',
  'complaints.case.dispatch',
  'complaints.case.handle',
  'complaints.case.supervise',
  'complaints.case.read',
  /** The requester's name and contact (personal data); lists never show them. */
  'complaints.case.read-personal',
  /** Extend a case's limit (applications: the office head approves, up to 15 working days). */
  'complaints.case.extend',
  'reports.read',
  /** The annual report's editable text (problems and improvements), kept with its history. */
  'reports.edit',
  'permissions.read',
  'permissions.request.approve',
  'permissions.admin',
  'audit.read',
  'ops.dead-letters.read',
  'ops.dead-letters.replay',
  /**
   * Back-date: give a business time (`occurredAt`, `changedAt`, `informationChangedAt`) earlier
   * than today (Asia/Shanghai). Always school-wide; API clients need `mayBackdate` as well.
   */
  'business-time.backdate',
  /** Set an item's scope, status, time limit, cycle and category: the disclosure office's call. */
  'catalogue.item.classify',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ROLES = [
  'disclosure_admin',
  'dept_liaison',
  'dept_reviewer',
  'complaint_dispatcher',
  'complaint_handler',
  'supervisor',
  'auditor',
  'campus_client',
] as const;
export type Role = (typeof ROLES)[number];

/** School-wide administration: no API client ever acts for a person who holds one (X-Acting-Person). */
export const ADMIN_ROLES = ['disclosure_admin'] as const satisfies readonly Role[];

/** The roles an API client may be allowed to act for (`actForRoles`): all but the admin roles. */
export const ACTABLE_ROLES = ROLES.filter(
  (role): role is Exclude<Role, (typeof ADMIN_ROLES)[number]> =>
    !(ADMIN_ROLES as readonly Role[]).includes(role),
);

export interface RoleDefinition {
  role: Role;
  /** Chinese name used on campus. */
  label: string;
  description: string;
  actions: readonly Action[];
  /** Bindings of this role may be scoped to one department (false: school-wide only). */
  departmentScoped: boolean;
}

export const ROLE_DEFINITIONS: Record<Role, RoleDefinition> = {
  disclosure_admin: {
    role: 'disclosure_admin',
    label: '信息公开办',
    description: 'The disclosure office: runs the catalogue, the update rounds and the permissions.',
    actions: ACTIONS,
    departmentScoped: false,
  },
  dept_liaison: {
    role: 'dept_liaison',
    label: '信息员',
    description: "A department's liaison: keeps its catalogue items and submits its round tasks.",
    actions: ['catalogue.item.update', 'rounds.task.submit', 'complaints.case.read'],
    departmentScoped: true,
  },
  dept_reviewer: {
    role: 'dept_reviewer',
    label: '部门审核人',
    description: "Reviews the department's submissions, clears secrecy, approves its permission requests.",
    actions: [
      'rounds.task.review',
      'catalogue.publication.secrecy_review',
      'permissions.request.approve',
      'complaints.case.read',
    ],
    departmentScoped: true,
  },
  complaint_dispatcher: {
    role: 'complaint_dispatcher',
    label: '派单员',
    description: 'Receives complaints and applications and dispatches them to departments.',
    actions: [
      'complaints.case.register',
      'complaints.case.dispatch',
      'complaints.case.read',
      'complaints.case.read-personal',
      'business-time.backdate',
    ],
    departmentScoped: false,
  },
  complaint_handler: {
    role: 'complaint_handler',
    label: '承办人',
    description: 'Handles and replies to the cases dispatched to the department.',
    actions: ['complaints.case.handle', 'complaints.case.read', 'complaints.case.read-personal'],
    departmentScoped: true,
  },
  supervisor: {
    role: 'supervisor',
    label: '督查',
    description: 'Supervises overdue and unsatisfied cases; reads reports.',
    actions: [
      'complaints.case.supervise',
      'complaints.case.read',
      'complaints.case.read-personal',
      'reports.read',
    ],
    departmentScoped: false,
  },
  auditor: {
    role: 'auditor',
    label: '审计',
    description: 'Reads the audit log, permissions and reports; changes nothing.',
    actions: ['audit.read', 'permissions.read', 'reports.read'],
    departmentScoped: false,
  },
  campus_client: {
    role: 'campus_client',
    label: '校内系统',
    description: 'A campus system (portal, OA, hotline desk, 12345 connector) calling the API.',
    actions: ['complaints.case.register', 'complaints.case.read', 'reports.read'],
    departmentScoped: false,
  },
};

export function roleGrants(role: Role, action: Action): boolean {
  return ROLE_DEFINITIONS[role].actions.includes(action);
}
