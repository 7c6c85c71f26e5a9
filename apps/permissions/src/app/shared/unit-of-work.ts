import { Injectable } from '@nestjs/common';
import type { RequestMeta } from '@gongkai/contracts';
import { UnitOfWork as ServiceUnitOfWork } from '@gongkai/service-kit';
import { AuditLog } from '../audit/audit-log';
import type { PermissionsTx } from '../prisma.service';
import { Clock } from '@gongkai/service-kit';
import { Operation } from './operation';

/**
 * The service kit's unit of work (transaction, outbox, unique-violation → CONFLICT, relay woken
 * after commit) with the permissions service's audit log: the audit entries an operation collects
 * are chained and written last, inside the same transaction.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly unitOfWork: ServiceUnitOfWork,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
  ) {}

  run<T>(meta: RequestMeta, work: (tx: PermissionsTx, operation: Operation) => Promise<T>): Promise<T> {
    return this.runOperation(Operation.forRequest(meta, this.clock.now()), work);
  }

  runOperation<T>(
    operation: Operation,
    work: (tx: PermissionsTx, operation: Operation) => Promise<T>,
  ): Promise<T> {
    return this.unitOfWork.run((tx: PermissionsTx) => work(tx, operation), {
      beforeCommit: (tx) => this.auditLog.flush(tx, operation),
    });
  }
}
