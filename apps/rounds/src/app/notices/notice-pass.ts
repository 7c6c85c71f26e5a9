import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Clock } from '@gongkai/service-kit';
import { ROUNDS_CONFIG, type RoundsConfig } from '../config/rounds-config';
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
  private readonly running = new Set<Promise<unknown>>();
  private stopping = false;

  constructor(
    @Inject(ROUNDS_CONFIG) private readonly config: RoundsConfig,
    private readonly clock: Clock,
    private readonly sendNoticesUseCase: SendNoticesUseCase,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.notices.intervalMs);
    this.timer.unref();
  }

  /** Passes under way end after their current transaction (what they sent is sent; the rest is left to the next pass). */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running]);
  }

  /** One pass as of `at` (default: the Clock's now); tests call it with the date they need. */
  runAt(at: Date = this.clock.now()): Promise<NoticeCounts> {
    const pass = this.sendNoticesUseCase.execute(at, () => this.stopping);
    this.running.add(pass);
    void pass.finally(() => this.running.delete(pass)).catch(() => undefined);
    return pass;
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
