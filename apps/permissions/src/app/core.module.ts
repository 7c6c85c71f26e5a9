import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AccessService } from './access/access.service';
import { BindingsRepository } from './access/bindings.repository';
import { DecisionService } from './access/decision.service';
import { ApiClientsRepository } from './api-clients/api-clients.repository';
import { AuditLog } from './audit/audit-log';
import { AuditRepository } from './audit/audit.repository';
import { PERMISSIONS_CONFIG, type PermissionsConfig } from './config/permissions-config';
import { DepartmentsRepository } from './departments/departments.repository';
import { DepartmentsService } from './departments/departments.service';
import { IdentityChangesService } from './people/identity-changes.service';
import { PeopleRepository } from './people/people.repository';
import { ReorganisationsRepository } from './reorganisations/reorganisations.repository';
import { ReorganisationsService } from './reorganisations/reorganisations.service';
import { RequestsRepository } from './requests/requests.repository';
import { RequestsService } from './requests/requests.service';
import { Clock } from './shared/clock';
import { UnitOfWork } from './shared/unit-of-work';

const PROVIDERS = [
  Clock,
  UnitOfWork,
  AuditRepository,
  AuditLog,
  DepartmentsRepository,
  DepartmentsService,
  PeopleRepository,
  IdentityChangesService,
  BindingsRepository,
  AccessService,
  DecisionService,
  RequestsRepository,
  RequestsService,
  ApiClientsRepository,
  ReorganisationsRepository,
  ReorganisationsService,
];

/**
 * Repositories and the domain services several operations share (grants and ends of bindings,
 * requests, identity changes, the audit log). Global, so each feature module holds only its handlers.
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
