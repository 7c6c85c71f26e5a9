import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PERMISSIONS_CONFIG, type PermissionsConfig } from '../../config/permissions-config';
import { Clock } from '@gongkai/service-kit';
import { SweepBindingsUseCase, type SweepResult } from './sweep-bindings.use-case';

/**
 * Time-bound grants keep themselves: every BINDING_SWEEP_INTERVAL_MS this sweeps the bindings
 * that are due to start or to end (SweepBindingsUseCase). Decisions never wait for it (the rule
 * compares the window with the clock); the sweep is what tells other services.
 */
@Injectable()
export class BindingSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BindingSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<unknown> | null = null;

  constructor(
    @Inject(PERMISSIONS_CONFIG) private readonly config: PermissionsConfig,
    private readonly sweepBindings: SweepBindingsUseCase,
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
  sweepDue(at: Date = this.clock.now()): Promise<SweepResult> {
    return this.sweepBindings.execute(at);
  }
}
