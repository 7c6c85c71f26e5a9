import { Module } from '@nestjs/common';
import { ApiClientsController } from './api-clients/api-clients.controller';
import { AuditLogController } from './audit-log/audit-log.controller';
import { PermissionChecksController } from './checks/permission-checks.controller';
import { PeopleController } from './people/people.controller';
import { PermissionRequestsController } from './permission-requests/permission-requests.controller';
import { ReorganisationsController } from './reorganisations/reorganisations.controller';
import { RoleBindingsController } from './role-bindings/role-bindings.controller';
import { RolesController } from './roles/roles.controller';

/** Thin routes to the permissions service (one NATS request each) besides /departments. */
@Module({
  controllers: [
    PeopleController,
    ReorganisationsController,
    RolesController,
    RoleBindingsController,
    PermissionRequestsController,
    ApiClientsController,
    AuditLogController,
    PermissionChecksController,
  ],
})
export class PermissionsModule {}
