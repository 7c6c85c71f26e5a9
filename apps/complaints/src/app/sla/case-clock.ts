import type { CaseRow } from '../cases/cases.repository';
import { readClock, type ClockPause, type ClockReading } from './sla-clock';
import { ClockPolicySchema } from './sla-policy';

/** The time that stops a case's reply clock: the reply, the decision or the conclusion. */
export function stoppedAtOf(
  row: Pick<CaseRow, 'kind' | 'repliedAt' | 'decidedAt' | 'concludedAt'>,
): Date | null {
  if (row.kind === 'application') return row.decidedAt;
  if (row.kind === 'report') return row.concludedAt;
  return row.repliedAt;
}

/** What the clock reads of a case. */
export type ClockedCase = Pick<
  CaseRow,
  | 'kind'
  | 'status'
  | 'slaPolicy'
  | 'receivedAt'
  | 'clockStartAt'
  | 'cityDueAt'
  | 'pauses'
  | 'extendedWorkingDays'
  | 'repliedAt'
  | 'decidedAt'
  | 'concludedAt'
  | 'firstContactAt'
>;

/** A stored case's clock at `now`, from its business times and the policy fixed at receipt. */
export function clockOf(row: ClockedCase, now: Date): ClockReading {
  return readClock(
    {
      policy: ClockPolicySchema.parse(row.slaPolicy),
      receivedAt: row.receivedAt,
      clockStartAt: row.clockStartAt,
      cityDueAt: row.cityDueAt,
      pauses: row.pauses as unknown as ClockPause[],
      extendedWorkingDays: row.extendedWorkingDays,
      waitingForRequester: row.status === 'awaiting_correction',
      stoppedAt: stoppedAtOf(row),
      firstContactAt: row.firstContactAt,
    },
    now,
  );
}

/** What is cached on the row for the periodic pass and the queues. */
export function cachedClockColumns(reading: ClockReading) {
  return {
    dueAt: reading.dueAt,
    warnAt: reading.warningAt,
    responseDueAt: reading.responseDueAt,
    responseWarnAt: reading.responseWarnAt,
  };
}
