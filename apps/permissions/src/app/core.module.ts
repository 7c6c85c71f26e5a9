import { Global, Module, type DynamicModule } from '@nestjs/common';
import { BindingWriter } from './access/binding-writer';
import { BindingsRepository } from './access/bindings.repository';
import { GrantCheck } from './access/grant-check';
import { PermissionDecider } from './access/permission-decider';
import { SubjectStates } from './access/subject-states';
import { ApiClientsRepository } from './api-clients/api-clients.repository';
import { AuditLog } from './audit/audit-log';
import { AuditRepository } from './audit/audit.repository';
import { PERMISSIONS_CONFIG, type PermissionsConfig } from './config/permissions-config';
import { DepartmentWriter } from './departments/department-writer';
import { DepartmentsRepository } from './departments/departments.repository';
import { PeopleRepository } from './people/people.repository';
import { ReorganisationsRepository } from './reorganisations/reorganisations.repository';
import { RequestWriter } from './requests/request-writer';
import { RequestsRepository } from './requests/requests.repository';
import { UnitOfWork } from './shared/unit-of-work';

const PROVIDERS = [
  UnitOfWork,
  AuditRepository,
  AuditLog,
  DepartmentsRepository,
  DepartmentWriter,
  PeopleRepository,
  BindingsRepository,
  SubjectStates,
  GrantCheck,
  BindingWriter,
  PermissionDecider,
  RequestsRepository,
  RequestWriter,
  ApiClientsRepository,
  ReorganisationsRepository,
];

/**
 * Repositories and the pieces operations of several areas share (the department writer, grant
 * checks and the binding writer, the request writer, decisions, the audit log). Global, so each
 * feature module holds only its handlers and use cases.
 */
@Global()
@Module({})
export class CoreModule {
  static register(config: PermissionsConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [{ provide: PERMISSIONS_CONFIG, useValue: config }, ...PROVIDERS],
      exports: [PERMISSIONS_CONFIG, ...PROVIDERS],
    };
  }
}
