import { Injectable } from '@nestjs/common';
import type { ComplaintsTx } from '../prisma.service';

export type SlaClockName = 'response' | 'reply';
export type SlaNoticeKind = 'warning' | 'overdue';

/** Statuses whose reply clock is not running: stopped, paused or waiting for the requester. */
const NOT_RUNNING = [
  'closed',
  'replied',
  'decided',
  'concluded',
  'awaiting_correction',
  'awaiting_third_party',
];

/** The only place that touches sla_notice, and the periodic pass's view of complaint_case. */
@Injectable()
export class SlaNoticesRepository {
  /**
   * Cases with a warning or an overdue notice due at `at` and not yet sent for their clock cycle,
   * locked for this transaction; rows another replica holds are skipped (it is sending them).
   */
  async lockDue(tx: ComplaintsTx, at: Date, limit: number): Promise<string[]> {
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `SELECT c."id"::text AS "id" FROM "complaint_case" c
        WHERE (
          c."status" <> ALL($2::text[]) AND (
            (c."warn_at" <= $1 AND NOT EXISTS (SELECT 1 FROM "sla_notice" n WHERE n."case_id" = c."id" AND n."clock" = 'reply' AND n."notice" = 'warning' AND n."cycle" = c."clock_cycle"))
            OR (c."due_at" < $1 AND NOT EXISTS (SELECT 1 FROM "sla_notice" n WHERE n."case_id" = c."id" AND n."clock" = 'reply' AND n."notice" = 'overdue' AND n."cycle" = c."clock_cycle"))
          )
        ) OR (
          c."first_contact_at" IS NULL AND c."status" <> 'closed' AND (
            (c."response_warn_at" <= $1 AND NOT EXISTS (SELECT 1 FROM "sla_notice" n WHERE n."case_id" = c."id" AND n."clock" = 'response' AND n."notice" = 'warning'))
            OR (c."response_due_at" < $1 AND NOT EXISTS (SELECT 1 FROM "sla_notice" n WHERE n."case_id" = c."id" AND n."clock" = 'response' AND n."notice" = 'overdue'))
          )
        )
        ORDER BY c."due_at" NULLS LAST
        LIMIT $3
        FOR UPDATE OF c SKIP LOCKED`,
      at,
      NOT_RUNNING,
      limit,
    );
    return rows.map((row) => row.id);
  }

  /** Records a notice; false when it was sent already (the unique row makes it once, whatever runs the pass). */
  async record(
    tx: ComplaintsTx,
    notice: { caseId: string; clock: SlaClockName; notice: SlaNoticeKind; cycle: number; dueAt: Date },
  ): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO "sla_notice" ("case_id", "clock", "notice", "cycle", "due_at")
      VALUES (${notice.caseId}::uuid, ${notice.clock}, ${notice.notice}, ${notice.cycle}, ${notice.dueAt})
      ON CONFLICT DO NOTHING`;
    return inserted === 1;
  }

  async count(db: ComplaintsTx, caseId: string): Promise<number> {
    return db.slaNotice.count({ where: { caseId } });
  }
}
