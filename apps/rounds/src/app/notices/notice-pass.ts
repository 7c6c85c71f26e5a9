import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ROUNDS_CONFIG, type RoundsConfig } from '../config/rounds-config';
import { Clock } from '../shared/clock';
import { SendNoticesUseCase, type NoticeCounts } from './send-notices/send-notices.use-case';

/**
 * Runs the reminder and escalation pass every ROUNDS_NOTICE_INTERVAL_MS in every replica (the
 * pass itself makes each notice once), one pass at a time per process, on the service's Clock.
 */
@Injectable()
export class NoticePass implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NoticePass.name);
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<unknown> | null = null;

  constructor(
    @Inject(ROUNDS_CONFIG) private readonly config: RoundsConfig,
    private readonly clock: Clock,
    private readonly sendNoticesUseCase: SendNoticesUseCase,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.notices.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  /** One pass as of `at` (default: the Clock's now); tests call it with the date they need. */
  runAt(at: Date = this.clock.now()): Promise<NoticeCounts> {
    return this.sendNoticesUseCase.execute(at);
  }

  private tick(): void {
    if (this.inFlight) return;
    this.inFlight = this.runAt()
      .then((counts) => {
        if (counts.reminders + counts.escalations > 0)
          this.logger.log(`Sent ${counts.reminders} reminder(s) and ${counts.escalations} escalation(s)`);
      })
      .catch((error: unknown) =>
        this.logger.error(`Notice pass failed; retrying next tick: ${String(error)}`),
      )
      .finally(() => {
        this.inFlight = null;
      });
  }
}
