/** Request/reply subjects answered by the permissions service (`<service>.<aggregate>.<verb>`). */
export const PermissionsSubjects = {
  // Departments and reorganisations
  createDepartment: 'permissions.departments.create',
  listDepartments: 'permissions.departments.list',
  getDepartment: 'permissions.departments.get',
  updateDepartment: 'permissions.departments.update',
  getDepartmentHistory: 'permissions.departments.history',
  renameDepartment: 'permissions.reorganisations.rename',
  mergeDepartments: 'permissions.reorganisations.merge',
  splitDepartment: 'permissions.reorganisations.split',
  dissolveDepartment: 'permissions.reorganisations.dissolve',
  listReorganisations: 'permissions.reorganisations.list',
  // People and identity changes
  createPerson: 'permissions.people.create',
  listPeople: 'permissions.people.list',
  getPerson: 'permissions.people.get',
  getPersonAccess: 'permissions.people.access',
  recordIdentityChange: 'permissions.identity-changes.record',
  listIdentityChanges: 'permissions.identity-changes.list',
  // Roles, bindings and requests
  listRoles: 'permissions.roles.list',
  grantRoleBinding: 'permissions.role-bindings.grant',
  revokeRoleBinding: 'permissions.role-bindings.revoke',
  getRoleBinding: 'permissions.role-bindings.get',
  listRoleBindings: 'permissions.role-bindings.list',
  openPermissionRequest: 'permissions.requests.open',
  approvePermissionRequest: 'permissions.requests.approve',
  rejectPermissionRequest: 'permissions.requests.reject',
  getPermissionRequest: 'permissions.requests.get',
  listPermissionRequests: 'permissions.requests.list',
  // API clients
  createApiClient: 'permissions.api-clients.create',
  rotateApiClientKey: 'permissions.api-clients.rotate',
  revokeApiClient: 'permissions.api-clients.revoke',
  getApiClient: 'permissions.api-clients.get',
  listApiClients: 'permissions.api-clients.list',
  authenticateApiKey: 'permissions.api-clients.authenticate',
  // Audit log
  listAuditLog: 'permissions.audit-log.list',
  verifyAuditLog: 'permissions.audit-log.verify',
  // Decisions
  checkPermission: 'permissions.decisions.check',
} as const;
