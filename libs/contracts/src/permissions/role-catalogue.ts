import { z } from 'zod';
import { ACTIONS, ROLES, ROLE_DEFINITIONS, type Action, type Role } from './roles';

/** `permissions.roles.list` (GET /roles): the fixed roles and the actions each grants. */
export const ListRolesSchema = z.object({}).strict();
export const RoleViewSchema = z.object({
  role: z.enum(ROLES),
  label: z.string(),
  description: z.string(),
  actions: z.array(z.enum(ACTIONS)),
  /** true: every binding names one department; false: every binding is school-wide. */
  departmentScoped: z.boolean(),
});
export type RoleView = z.infer<typeof RoleViewSchema>;
export const RoleListSchema = z.object({ items: z.array(RoleViewSchema) });
export type RoleList = z.infer<typeof RoleListSchema>;

export function listRoles(): RoleList {
  return {
    items: ROLES.map((role) => {
      const definition = ROLE_DEFINITIONS[role];
      return { ...definition, actions: [...definition.actions] };
    }),
  };
}

/**
 * Where a holder of `role` may do `action`: `all` = in every department and on school-wide
 * targets (the role is bound school-wide); `own` = only in the one department its binding names;
 * `none` = nowhere.
 */
export type RoleReach = 'all' | 'own' | 'none';

export function roleReach(role: Role, action: Action): RoleReach {
  const definition = ROLE_DEFINITIONS[role];
  if (!definition.actions.includes(action)) return 'none';
  return definition.departmentScoped ? 'own' : 'all';
}

export const ROLE_REACH_SYMBOLS: Record<RoleReach, string> = { all: 'all', own: 'own', none: '—' };

/** docs/roles-and-actions.md, generated from ROLE_DEFINITIONS (a test keeps the file equal to this). */
export function renderRolesAndActionsMarkdown(): string {
  const lines: string[] = [
    '# Roles and actions',
    '',
    '<!-- Generated from libs/contracts/src/permissions/roles.ts by renderRolesAndActionsMarkdown();',
    '     do not edit by hand: run `UPDATE_ROLES_DOC=1 npx nx test contracts` after changing the roles. -->',
    '',
    'The permissions service allows subject S to do action A in department D (or on a school-wide',
    'target) exactly when:',
    '',
    '1. S exists and is usable: a person whose status is `active` (`on_leave` and `departed` are',
    '   denied), or an API client that is not revoked;',
    '2. some role binding of S is in force at that time: status `active`, `validFrom` ≤ T, and T before',
    '   `validTo` (none = open-ended) and before the binding ended;',
    "3. that binding's role grants A (the table below); and",
    "4. the binding's scope covers the target: a school-wide binding covers every department and",
    '   school-wide targets; a department binding covers exactly that department — not its parent,',
    '   not a sibling, not its child departments — and never a school-wide target.',
    '',
    'Roles marked *department* are always bound to one department; the others are always bound',
    'school-wide. A subject scoped to department A can therefore never act in department B.',
    '',
    '## Roles',
    '',
    '| role | 中文 | bound | description |',
    '|---|---|---|---|',
  ];
  for (const role of ROLES) {
    const definition = ROLE_DEFINITIONS[role];
    lines.push(
      `| \`${role}\` | ${definition.label} | ${definition.departmentScoped ? 'department' : 'school-wide'} | ${definition.description} |`,
    );
  }
  lines.push(
    '',
    '## Who may do what, where',
    '',
    '**all**: allowed in every department and on school-wide targets · **own**: allowed only in the',
    'department the binding names (denied in any other department and on school-wide targets) · **—**: denied.',
    '',
    `| action | ${ROLES.map((role) => `\`${role}\``).join(' | ')} |`,
    `|---|${ROLES.map(() => '---').join('|')}|`,
  );
  for (const action of ACTIONS) {
    lines.push(
      `| \`${action}\` | ${ROLES.map((role) => ROLE_REACH_SYMBOLS[roleReach(role, action)]).join(' | ')} |`,
    );
  }
  lines.push('', ...SEEING_AND_ACTING);
  return lines.join('\n');
}

/** Rules beside the table: who sees what, acting for a person, back-dating, four eyes. */
const SEEING_AND_ACTING: readonly string[] = [
  '## Who sees what',
  '',
  "- **Publications**: any signed-in caller sees an item's published versions (`published`, `superseded`),",
  '  without who created, published or reviewed them. Other states (`draft`, `in_review`, `secrecy_reviewed`,',
  "  `withdrawn`), actor ids and the secrecy reviewer's name are shown only to callers who may",
  "  `catalogue.item.update` or `catalogue.publication.secrecy_review` in the item's lead department (its",
  '  liaisons and reviewers) and to the disclosure office; the catalogue decides this per item.',
  '- **Round tasks**: any signed-in caller sees where a task stands (status, deadline, overdue, department,',
  "  published version). Its submission, the department's review, return comments, history and the people",
  '  who worked it, and its diff, only to callers who may `rounds.task.submit`, `rounds.task.review` or',
  "  `rounds.task.approve` in the task's department (its liaisons and reviewers) and to the disclosure office;",
  '  rounds decides this per task (`GET /tasks/{id}/diff` answers 403 `NOT_TASK_READER` to the others).',
  "- **People's names and staff numbers** (`/people`, identity changes, bindings): `permissions.read`",
  '  (`disclosure_admin`, `auditor`).',
  "- **A case requester's name and contact**: `complaints.case.read-personal` (`disclosure_admin`,",
  "  `complaint_dispatcher`, `supervisor`, and `complaint_handler` of the case's departments); lists never show them.",
  "- **Permission requests**: `permissions.read` sees all; a department's `dept_reviewer` sees its own",
  "  department's requests (filtered by the permissions service from the reviewer's bindings).",
  '- **Departments**: any signed-in caller.',
  '',
  '## Acting for a person (`X-Acting-Person`)',
  '',
  'An API client with `mayActForPersons` may act for an **active** person all of whose roles in force are',
  "among the client's `actForRoles`; never for a holder of `disclosure_admin`. The decision is then the",
  "person's, and events and the audit log record both (`actor: { kind: 'person', id, onBehalfOf: <client> }`).",
  "The bootstrap admin key (setting up, and entering the old system's records) may act for anybody active,",
  'back-date for them, and is decided as things stand now.',
  '',
  '## Business time and back-dating',
  '',
  'A business time (`occurredAt`, `changedAt`, `informationChangedAt`) earlier than today (Asia/Shanghai)',
  'back-dates an entry: a person needs `business-time.backdate` (school-wide), an API client `mayBackdate`, a',
  'client acting for a person both. A command with `occurredAt` is decided as things stood at that time: a role',
  'granted since does not allow it.',
  '',
  "A version's time limit runs from the earlier of the change its content declares (`informationChangedAt`)",
  'and the change recorded on the item (`POST /catalogue/items/{id}/changes`) and not yet published: declaring',
  'a later change cannot make a late publication count as on time. Recording an earlier change moves the',
  'recorded one earlier (back-dating rights when it is before today); nothing moves it later.',
  '',
  '## Four eyes',
  '',
  'Nobody approves a permission request they opened by hand, directly or through a client acting for them.',
  'Staff may open a request for themselves; for anybody else it takes `permissions.request.approve` there.',
  '',
];
