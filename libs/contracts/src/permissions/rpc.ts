import { pageSchema } from '../common/pagination';
import { defineRpc } from '../common/rpc-definition';
import {
  ApiClientSchema,
  CreateApiClientSchema,
  GetApiClientSchema,
  IssuedApiKeySchema,
  ListApiClientsSchema,
  RevokeApiClientSchema,
  RotateApiClientKeySchema,
} from './api-clients';
import { AuditEntrySchema, AuditVerificationSchema, ListAuditLogSchema, VerifyAuditLogSchema } from './audit';
import {
  GetRoleBindingSchema,
  GrantRoleBindingSchema,
  ListRoleBindingsSchema,
  RevokeRoleBindingSchema,
  RoleBindingSchema,
} from './bindings';
import {
  AuthenticateApiKeySchema,
  AuthenticatedClientSchema,
  CheckPermissionSchema,
  CheckActingSchema,
  ActingDecisionSchema,
  DecisionSchema,
} from './decisions';
import {
  CreateDepartmentSchema,
  DepartmentHistorySchema,
  DepartmentSchema,
  GetDepartmentHistorySchema,
  GetDepartmentSchema,
  ListDepartmentsSchema,
  UpdateDepartmentSchema,
} from './departments';
import {
  CreatePersonSchema,
  GetPersonAccessSchema,
  GetPersonSchema,
  IdentityChangeResultSchema,
  IdentityChangeSchema,
  ListIdentityChangesSchema,
  ListPeopleSchema,
  PersonAccessSchema,
  PersonSchema,
  RecordIdentityChangeSchema,
} from './people';
import {
  DissolveDepartmentSchema,
  ListReorganisationsSchema,
  MergeDepartmentsSchema,
  ReorganisationResultSchema,
  ReorganisationSchema,
  RenameDepartmentSchema,
  SplitDepartmentSchema,
} from './reorganisations';
import {
  ApprovePermissionRequestSchema,
  ApprovedPermissionRequestSchema,
  GetPermissionRequestSchema,
  ListPermissionRequestsSchema,
  OpenPermissionRequestSchema,
  PermissionRequestSchema,
  RejectPermissionRequestSchema,
} from './requests';
import { ListRolesSchema, RoleListSchema } from './role-catalogue';

/** Every request/reply operation the permissions service answers (`permissions.<aggregate>.<verb>`). */
export const PermissionsRpc = {
  // Departments and reorganisations
  createDepartment: defineRpc({
    subject: 'permissions.departments.create',
    request: CreateDepartmentSchema,
    reply: DepartmentSchema,
  }),
  listDepartments: defineRpc({
    subject: 'permissions.departments.list',
    request: ListDepartmentsSchema,
    reply: pageSchema(DepartmentSchema),
  }),
  getDepartment: defineRpc({
    subject: 'permissions.departments.get',
    request: GetDepartmentSchema,
    reply: DepartmentSchema,
  }),
  updateDepartment: defineRpc({
    subject: 'permissions.departments.update',
    request: UpdateDepartmentSchema,
    reply: DepartmentSchema,
  }),
  getDepartmentHistory: defineRpc({
    subject: 'permissions.departments.history',
    request: GetDepartmentHistorySchema,
    reply: DepartmentHistorySchema,
  }),
  renameDepartment: defineRpc({
    subject: 'permissions.reorganisations.rename',
    request: RenameDepartmentSchema,
    reply: ReorganisationResultSchema,
  }),
  mergeDepartments: defineRpc({
    subject: 'permissions.reorganisations.merge',
    request: MergeDepartmentsSchema,
    reply: ReorganisationResultSchema,
  }),
  splitDepartment: defineRpc({
    subject: 'permissions.reorganisations.split',
    request: SplitDepartmentSchema,
    reply: ReorganisationResultSchema,
  }),
  dissolveDepartment: defineRpc({
    subject: 'permissions.reorganisations.dissolve',
    request: DissolveDepartmentSchema,
    reply: ReorganisationResultSchema,
  }),
  listReorganisations: defineRpc({
    subject: 'permissions.reorganisations.list',
    request: ListReorganisationsSchema,
    reply: pageSchema(ReorganisationSchema),
  }),
  // People and identity changes
  createPerson: defineRpc({
    subject: 'permissions.people.create',
    request: CreatePersonSchema,
    reply: PersonSchema,
  }),
  listPeople: defineRpc({
    subject: 'permissions.people.list',
    request: ListPeopleSchema,
    reply: pageSchema(PersonSchema),
  }),
  getPerson: defineRpc({ subject: 'permissions.people.get', request: GetPersonSchema, reply: PersonSchema }),
  getPersonAccess: defineRpc({
    subject: 'permissions.people.access',
    request: GetPersonAccessSchema,
    reply: PersonAccessSchema,
  }),
  recordIdentityChange: defineRpc({
    subject: 'permissions.identity-changes.record',
    request: RecordIdentityChangeSchema,
    reply: IdentityChangeResultSchema,
  }),
  listIdentityChanges: defineRpc({
    subject: 'permissions.identity-changes.list',
    request: ListIdentityChangesSchema,
    reply: pageSchema(IdentityChangeSchema),
  }),
  // Roles, bindings and requests
  listRoles: defineRpc({
    subject: 'permissions.roles.list',
    request: ListRolesSchema,
    reply: RoleListSchema,
  }),
  grantRoleBinding: defineRpc({
    subject: 'permissions.role-bindings.grant',
    request: GrantRoleBindingSchema,
    reply: RoleBindingSchema,
  }),
  revokeRoleBinding: defineRpc({
    subject: 'permissions.role-bindings.revoke',
    request: RevokeRoleBindingSchema,
    reply: RoleBindingSchema,
  }),
  getRoleBinding: defineRpc({
    subject: 'permissions.role-bindings.get',
    request: GetRoleBindingSchema,
    reply: RoleBindingSchema,
  }),
  listRoleBindings: defineRpc({
    subject: 'permissions.role-bindings.list',
    request: ListRoleBindingsSchema,
    reply: pageSchema(RoleBindingSchema),
  }),
  openPermissionRequest: defineRpc({
    subject: 'permissions.requests.open',
    request: OpenPermissionRequestSchema,
    reply: PermissionRequestSchema,
  }),
  approvePermissionRequest: defineRpc({
    subject: 'permissions.requests.approve',
    request: ApprovePermissionRequestSchema,
    reply: ApprovedPermissionRequestSchema,
  }),
  rejectPermissionRequest: defineRpc({
    subject: 'permissions.requests.reject',
    request: RejectPermissionRequestSchema,
    reply: PermissionRequestSchema,
  }),
  getPermissionRequest: defineRpc({
    subject: 'permissions.requests.get',
    request: GetPermissionRequestSchema,
    reply: PermissionRequestSchema,
  }),
  listPermissionRequests: defineRpc({
    subject: 'permissions.requests.list',
    request: ListPermissionRequestsSchema,
    reply: pageSchema(PermissionRequestSchema),
  }),
  // API clients
  createApiClient: defineRpc({
    subject: 'permissions.api-clients.create',
    request: CreateApiClientSchema,
    reply: IssuedApiKeySchema,
  }),
  rotateApiClientKey: defineRpc({
    subject: 'permissions.api-clients.rotate',
    request: RotateApiClientKeySchema,
    reply: IssuedApiKeySchema,
  }),
  revokeApiClient: defineRpc({
    subject: 'permissions.api-clients.revoke',
    request: RevokeApiClientSchema,
    reply: ApiClientSchema,
  }),
  getApiClient: defineRpc({
    subject: 'permissions.api-clients.get',
    request: GetApiClientSchema,
    reply: ApiClientSchema,
  }),
  listApiClients: defineRpc({
    subject: 'permissions.api-clients.list',
    request: ListApiClientsSchema,
    reply: pageSchema(ApiClientSchema),
  }),
  authenticateApiKey: defineRpc({
    subject: 'permissions.api-clients.authenticate',
    request: AuthenticateApiKeySchema,
    reply: AuthenticatedClientSchema,
  }),
  // Audit log
  listAuditLog: defineRpc({
    subject: 'permissions.audit-log.list',
    request: ListAuditLogSchema,
    reply: pageSchema(AuditEntrySchema),
  }),
  verifyAuditLog: defineRpc({
    subject: 'permissions.audit-log.verify',
    request: VerifyAuditLogSchema,
    reply: AuditVerificationSchema,
  }),
  // Decisions
  checkPermission: defineRpc({
    subject: 'permissions.decisions.check',
    request: CheckPermissionSchema,
    reply: DecisionSchema,
  }),
  checkActing: defineRpc({
    subject: 'permissions.acting.check',
    request: CheckActingSchema,
    reply: ActingDecisionSchema,
  }),
} as const;

/** The one permissions subject other services call: may this caller do this action in this department? */
export const CheckPermissionRpc = PermissionsRpc.checkPermission;
