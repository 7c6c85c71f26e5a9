import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { BindingStartedV1 } from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { PERMISSIONS_CONFIG, type PermissionsConfig } from '../../config/permissions-config';
import { Operation } from '../../shared/operation';
import { UnitOfWork } from '../../shared/unit-of-work';
import { BindingWriter } from '../binding-writer';
import { BindingsRepository } from '../bindings.repository';

export interface SweepResult {
  started: number;
  ended: number;
}

/**
 * Announces bindings whose validFrom has come (binding.started) and ends those whose validTo has
 * passed (status ended, endReason expired, binding.ended). Rows are taken FOR UPDATE SKIP LOCKED,
 * so replicas sweeping at once never process one binding twice.
 */
@Injectable()
export class SweepBindingsUseCase {
  constructor(
    @Inject(PERMISSIONS_CONFIG) private readonly config: PermissionsConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly bindingsRepository: BindingsRepository,
    private readonly bindingWriter: BindingWriter,
  ) {}

  /** Sweeps until nothing is due at `at`, one transaction per batch. */
  async execute(at: Date): Promise<SweepResult> {
    const total: SweepResult = { started: 0, ended: 0 };
    for (;;) {
      const result = await this.sweepOnce(at);
      total.started += result.started;
      total.ended += result.ended;
      const batch = this.config.sweep.batchSize;
      if (result.started < batch && result.ended < batch) return total;
    }
  }

  /** One transaction: up to a batch of starts, then up to a batch of expiries. */
  private sweepOnce(at: Date): Promise<SweepResult> {
    const operation = Operation.forSystem(at, `sweep-${uuidv7()}`);
    return this.unitOfWork.runOperation(operation, async (tx) => {
      const batch = this.config.sweep.batchSize;
      const starting = await this.bindingsRepository.lockDueToStart(tx, at, batch);
      for (const binding of starting) {
        await this.bindingsRepository.markStartAnnounced(tx, binding.id, at);
        await emitEvent(
          tx,
          BindingStartedV1,
          {
            bindingId: binding.id,
            subjectType: binding.subjectType,
            subjectId: binding.subjectId,
            role: binding.role,
            departmentId: binding.departmentId,
            validFrom: binding.validFrom,
            validTo: binding.validTo,
          },
          operation.events(new Date(binding.validFrom)),
        );
        operation.audit({
          occurredAt: new Date(binding.validFrom),
          action: 'binding.started',
          subjectType: binding.subjectType,
          subjectId: binding.subjectId,
          reason: 'validFrom reached',
          after: await this.bindingsRepository.effectivePermissionsOf(
            tx,
            binding.subjectType,
            binding.subjectId,
            at,
          ),
          details: { binding },
        });
      }
      const expiring = await this.bindingsRepository.lockDueToExpire(tx, at, batch);
      let ended = 0;
      for (const binding of expiring) {
        const result = await this.bindingWriter.end(tx, operation, binding, {
          endReason: 'expired',
          reason: 'validTo passed',
          endedAt: binding.validTo ? new Date(binding.validTo) : at,
        });
        if (result) ended += 1;
      }
      return { started: starting.length, ended };
    });
  }
}
