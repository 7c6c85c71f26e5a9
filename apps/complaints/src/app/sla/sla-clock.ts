import type { ClockState } from '@gongkai/contracts';
import type { ClockPolicy } from './sla-policy';
import { limitEnd, pauseLength, warningStart } from './working-time';

/** A stretch during which the clock stood still (a third-party opinion sought); `to` null while open. */
export interface ClockPause {
  from: string;
  to: string | null;
}

/** What the clock is computed from: the case's business times, nothing typed in. */
export interface ClockInput {
  policy: ClockPolicy;
  receivedAt: Date;
  /** Receipt, or the corrected request (applications), or the reopening (complaints). */
  clockStartAt: Date;
  /** The city's own deadline (12345): the reply is due then, plus any extension. */
  cityDueAt: Date | null;
  pauses: readonly ClockPause[];
  extendedWorkingDays: number;
  /** Waiting for the requester's correction: the reply clock is not running. */
  waitingForRequester: boolean;
  /** The reply / decision / conclusion came (business time): the clock stopped. */
  stoppedAt: Date | null;
  /** First contact with the requester (the response clock). */
  firstContactAt: Date | null;
}

export interface ClockReading {
  state: ClockState;
  dueAt: Date | null;
  warningAt: Date | null;
  responseDueAt: Date | null;
  responseWarnAt: Date | null;
  pausedWorkingDays: number;
  extendedWorkingDays: number;
  overdue: boolean;
  /** Stopped by its due time; null while running. */
  onTime: boolean | null;
  responseOverdue: boolean;
  respondedOnTime: boolean | null;
}

/**
 * The SLA clock of a case at `now`. Pauses and extensions move the due time by the working days
 * (or hours) they took; a paused clock or one waiting for the requester has no due time and is
 * never overdue; a clock stopped by the reply says whether it was on time. A working-day limit ends
 * at 24:00 Beijing time of its last working day, so a reply that day is on time and the next
 * morning is late.
 */
export function readClock(input: ClockInput, now: Date): ClockReading {
  const { policy } = input;
  const unit = input.cityDueAt ? 'working_days' : policy.reply.unit;
  const openPause = input.pauses.find((pause) => pause.to === null);
  const paused = input.pauses
    .filter((pause) => pause.to !== null && new Date(pause.from) >= input.clockStartAt)
    .reduce(
      (total, pause) => total + pauseLength(unit, new Date(pause.from), new Date(pause.to as string)),
      0,
    );

  const responseDueAt = policy.response ? limitEnd(input.receivedAt, policy.response) : null;
  const responseWarnAt =
    responseDueAt && policy.responseWarnBefore
      ? warningStart(responseDueAt, policy.responseWarnBefore)
      : null;
  const respondedOnTime =
    responseDueAt && input.firstContactAt ? input.firstContactAt <= responseDueAt : null;
  const responseOverdue = responseDueAt !== null && !input.firstContactAt && now > responseDueAt;

  const waiting = input.waitingForRequester && !input.stoppedAt;
  let dueAt: Date | null = null;
  if (!waiting && (!openPause || input.stoppedAt)) {
    if (input.cityDueAt) {
      dueAt = limitEnd(
        input.cityDueAt,
        { unit: 'working_days', amount: 0 },
        input.extendedWorkingDays + paused,
      );
      if (input.extendedWorkingDays + paused === 0) dueAt = input.cityDueAt;
    } else {
      const extra = (policy.reply.unit === 'working_hours' ? 0 : input.extendedWorkingDays) + paused;
      dueAt = limitEnd(input.clockStartAt, policy.reply, extra);
    }
  }
  const warningAt = dueAt ? warningStart(dueAt, policy.warnBefore) : null;

  let state: ClockState;
  let onTime: boolean | null = null;
  if (input.stoppedAt) {
    state = 'stopped';
    onTime = dueAt ? input.stoppedAt <= dueAt : true;
  } else if (waiting) state = 'waiting_requester';
  else if (openPause) state = 'paused';
  else if (dueAt && now > dueAt) state = 'overdue';
  else state = input.extendedWorkingDays > 0 ? 'extended' : 'running';

  return {
    state,
    dueAt,
    warningAt,
    responseDueAt,
    responseWarnAt,
    pausedWorkingDays: unit === 'working_days' ? paused : 0,
    extendedWorkingDays: input.extendedWorkingDays,
    overdue: state === 'overdue',
    onTime,
    responseOverdue,
    respondedOnTime,
  };
}
