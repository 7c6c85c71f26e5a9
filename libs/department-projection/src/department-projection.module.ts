import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { DEPARTMENT_PROJECTING_SERVICES, type DepartmentProjectingService } from '@gongkai/contracts';
import type { TransactionalSqlClient } from '@gongkai/messaging';
import { DepartmentProjectionConsumer } from './department-projection.consumer';
import { DEPARTMENT_PROJECTION_DB } from './department-projection.tokens';
import { createProjectedDepartmentsController } from './projected-departments.controller';

export interface DepartmentProjectionOptions {
  service: DepartmentProjectingService;
  /** The service's own PrismaService, as given to `ServiceKitModule.forService`. */
  prisma: Type<TransactionalSqlClient>;
}

/**
 * A service's own copy of the department tree (`department_projection`, from
 * `prisma/department-projection.prisma`): the consumer of permissions' department events and the
 * `<service>.departments.list` handler. Hand `DepartmentProjectionConsumer` to
 * `ServiceKitModule.forService({ consumers })` as well, so the messaging runtime starts it.
 */
@Module({})
export class DepartmentProjectionModule {
  static forService(options: DepartmentProjectionOptions): DynamicModule {
    // The type says so already; this catches a service name that arrives as a plain string.
    if (!(DEPARTMENT_PROJECTING_SERVICES as readonly string[]).includes(options.service))
      throw new Error(`${options.service} does not keep a department projection`);
    return {
      module: DepartmentProjectionModule,
      controllers: [createProjectedDepartmentsController(options.service)],
      providers: [
        { provide: DEPARTMENT_PROJECTION_DB, useExisting: options.prisma },
        DepartmentProjectionConsumer,
      ],
      exports: [DepartmentProjectionConsumer],
    };
  }
}
