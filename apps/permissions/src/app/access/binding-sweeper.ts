import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { BindingStartedV1 } from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { PERMISSIONS_CONFIG, type PermissionsConfig } from '../config/permissions-config';
import { Clock } from '../shared/clock';
import { Operation } from '../shared/operation';
import { UnitOfWork } from '../shared/unit-of-work';
import { AccessService } from './access.service';
import { BindingsRepository } from './bindings.repository';

export interface SweepResult {
  started: number;
  ended: number;
}

/**
 * Time-bound grants keep themselves: every BINDING_SWEEP_INTERVAL_MS this announces bindings
 * whose validFrom has come (binding.started) and ends those whose validTo has passed (status
 * ended, endReason expired, binding.ended). Decisions never wait for it (the rule compares the
 * window with the clock); the sweep is what tells other services. Rows are taken FOR UPDATE SKIP
 * LOCKED, so replicas sweeping at once never process one binding twice.
 */
@Injectable()
export class BindingSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BindingSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<unknown> | null = null;

  constructor(
    @Inject(PERMISSIONS_CONFIG) private readonly config: PermissionsConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly bindingsRepository: BindingsRepository,
    private readonly accessService: AccessService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.sweep.intervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  private tick(): void {
    if (this.inFlight) return;
    this.inFlight = this.sweepDue()
      .catch((error: unknown) =>
        this.logger.error(`Binding sweep failed; retrying next tick: ${String(error)}`),
      )
      .finally(() => {
        this.inFlight = null;
      });
  }

  /** Sweeps until nothing is due at `at`. */
  async sweepDue(at: Date = this.clock.now()): Promise<SweepResult> {
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
  sweepOnce(at: Date): Promise<SweepResult> {
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
          after: await this.accessService.effectivePermissions(
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
        const result = await this.accessService.end(tx, operation, binding, {
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
