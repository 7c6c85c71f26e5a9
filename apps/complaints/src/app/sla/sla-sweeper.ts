import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CaseOverdueV1, CaseSlaWarningV1 } from '@gongkai/contracts';
import { emitEvent } from '@gongkai/messaging';
import { Clock, UnitOfWork } from '@gongkai/service-kit';
import { caseState } from '../cases/case-views';
import { CasesRepository } from '../cases/cases.repository';
import { COMPLAINTS_CONFIG, type ComplaintsConfig } from '../config/complaints-config';
import type { ComplaintsTx } from '../prisma.service';
import { clockOf } from './case-clock';
import { SlaNoticesRepository, type SlaClockName, type SlaNoticeKind } from './sla-notices.repository';

const SWEEPER = { kind: 'system' as const, id: 'complaints-sla' };

/**
 * The periodic pass: every SLA_SWEEP_INTERVAL_MS it sends evt.complaints.case.sla-warning and
 * .overdue for the clocks that reached them, once each per clock cycle, and puts overdue cases in
 * the supervision queue. Exactly once with several replicas and restarts: cases are taken FOR
 * UPDATE SKIP LOCKED, and the notice row (unique per case, clock, notice, cycle) commits in the
 * same transaction as the event's outbox row, so a second pass finds it sent. `sweep(at)` runs it
 * "at" a time (tests).
 */
@Injectable()
export class SlaSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SlaSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<unknown> | null = null;

  constructor(
    @Inject(COMPLAINTS_CONFIG) private readonly config: ComplaintsConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly casesRepository: CasesRepository,
    private readonly slaNoticesRepository: SlaNoticesRepository,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.sweep.intervalMs > 0)
      this.timer = setInterval(() => this.tick(), this.config.sweep.intervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  private tick(): void {
    if (this.inFlight) return;
    this.inFlight = this.sweep()
      .catch((error: unknown) => this.logger.error(`SLA pass failed; retrying next tick: ${String(error)}`))
      .finally(() => {
        this.inFlight = null;
      });
  }

  /** Passes until nothing is due at `at`; answers the notices sent. */
  async sweep(at: Date = this.clock.now()): Promise<number> {
    let total = 0;
    for (;;) {
      const { taken, sent } = await this.sweepOnce(at);
      total += sent;
      if (taken < this.config.sweep.batchSize) return total;
    }
  }

  private sweepOnce(at: Date): Promise<{ taken: number; sent: number }> {
    return this.unitOfWork.run(async (tx: ComplaintsTx) => {
      const ids = await this.slaNoticesRepository.lockDue(tx, at, this.config.sweep.batchSize);
      let sent = 0;
      for (const id of ids) {
        const row = await this.casesRepository.findById(tx, id);
        if (!row) continue;
        const reading = clockOf(row, at);
        const due: { clock: SlaClockName; notice: SlaNoticeKind; when: Date; cycle: number }[] = [];
        const running = ['running', 'extended', 'overdue'].includes(reading.state);
        if (running && reading.warningAt && reading.warningAt <= at && reading.dueAt)
          due.push({ clock: 'reply', notice: 'warning', when: reading.warningAt, cycle: row.clockCycle });
        if (running && reading.overdue && reading.dueAt)
          due.push({ clock: 'reply', notice: 'overdue', when: reading.dueAt, cycle: row.clockCycle });
        if (!row.firstContactAt && reading.responseWarnAt && reading.responseWarnAt <= at)
          due.push({ clock: 'response', notice: 'warning', when: reading.responseWarnAt, cycle: 1 });
        if (!row.firstContactAt && reading.responseOverdue && reading.responseDueAt)
          due.push({ clock: 'response', notice: 'overdue', when: reading.responseDueAt, cycle: 1 });
        let overdue = false;
        for (const notice of due) {
          const recorded = await this.slaNoticesRepository.record(tx, {
            caseId: row.id,
            clock: notice.clock,
            notice: notice.notice,
            cycle: notice.cycle,
            dueAt: notice.notice === 'overdue' ? notice.when : (reading.dueAt ?? notice.when),
          });
          if (!recorded) continue;
          sent += 1;
          overdue ||= notice.notice === 'overdue';
          await emitEvent(
            tx,
            notice.notice === 'warning' ? CaseSlaWarningV1 : CaseOverdueV1,
            { ...caseState(row, at), clock: notice.clock },
            {
              source: 'complaints',
              actor: SWEEPER,
              correlationId: `sla-${uuidv7()}`,
              occurredAt: notice.when,
            },
          );
        }
        if (overdue && !row.supervised)
          await this.casesRepository.update(tx, row.id, { supervised: true }, at);
      }
      return { taken: ids.length, sent };
    });
  }
}
