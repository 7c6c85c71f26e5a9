import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type RequestMeta } from '@gongkai/contracts';
import { MessagingLifecycle } from '@gongkai/service-kit';
import { Prisma } from '../../generated/prisma/client';
import { AuditLog } from '../audit/audit-log';
import { PrismaService, type PermissionsTx } from '../prisma.service';
import { Clock } from './clock';
import { Operation } from './operation';

/**
 * Runs one command as one transaction: its state changes, its outbox events and its audit
 * entries commit together or not at all; then the relay is woken to publish the events.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly prisma: PrismaService,
    private readonly auditLog: AuditLog,
    private readonly messaging: MessagingLifecycle,
    private readonly clock: Clock,
  ) {}

  run<T>(meta: RequestMeta, work: (tx: PermissionsTx, operation: Operation) => Promise<T>): Promise<T> {
    return this.runOperation(Operation.forRequest(meta, this.clock.now()), work);
  }

  async runOperation<T>(
    operation: Operation,
    work: (tx: PermissionsTx, operation: Operation) => Promise<T>,
  ): Promise<T> {
    let result: T;
    try {
      result = await this.prisma.$transaction(
        async (tx) => {
          const value = await work(tx, operation);
          await this.auditLog.flush(tx, operation);
          return value;
        },
        // Reorganisations move whole departments at once.
        { timeout: 60_000, maxWait: 10_000 },
      );
    } catch (error) {
      throw translateDatabaseError(error);
    }
    this.messaging.kick();
    return result;
  }
}

/** A unique index beat us to it (a concurrent request with the same code or staff number). */
function translateDatabaseError(error: unknown): unknown {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    return new DomainError(
      ErrorCode.CONFLICT,
      'Another change with the same unique value (code, staff number) was saved first; check and retry',
      { target: error.meta?.['target'] ?? null },
    );
  }
  return error;
}
