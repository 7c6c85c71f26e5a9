/** Request/reply subjects answered by the permissions service (`<service>.<aggregate>.<verb>`). */
export const PermissionsSubjects = {
  createDepartment: 'permissions.departments.create',
  listDepartments: 'permissions.departments.list',
  getDepartment: 'permissions.departments.get',
  checkPermission: 'permissions.decisions.check',
  authenticateApiKey: 'permissions.api-clients.authenticate',
} as const;
