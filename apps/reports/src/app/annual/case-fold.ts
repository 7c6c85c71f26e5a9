import { academicYearContaining } from './academic-year';

/** One case event as the projection keeps it (business time, the state after it, what it added). */
export interface CaseEvent {
  caseId: string;
  aggregateVersion: number;
  type: string;
  occurredAt: Date;
  trackingNo: string;
  kind: string;
  source: string;
  category: string;
  status: string;
  receivedAt: Date;
  leadDepartmentId: string | null;
  requesterType: string | null;
  details: Record<string, unknown>;
}

/** A case as it stood at an instant, by business time. */
export interface CaseAt {
  caseId: string;
  trackingNo: string;
  kind: string;
  source: string;
  category: string;
  receivedAt: Date;
  leadDepartmentId: string | null;
  requesterType: string | null;
  status: string;
  /** First contact with the requester, and whether it came by the response limit. */
  contact: { onTime: boolean } | null;
  /** The response limit passed before any contact (the periodic pass said so). */
  responseOverdue: boolean;
  /** When the first contact was due, as the case's latest event says (null: no such limit, or an old event). */
  responseDueAt: Date | null;
  /** The latest callback since the last reopen. */
  callback: { satisfaction: string; resolution: string } | null;
  decision: { result: string; reason: string | null; onTime: boolean; at: Date } | null;
  conclusion: { substantiated: boolean; onTime: boolean } | null;
  overdue: boolean;
}

/**
 * Folds one case's events (any order: they are sorted by version) up to `cutoff`: events whose
 * business time lies after it have not happened yet at the cutoff, whenever they were entered.
 * Null when the case had not been received by then.
 */
export function caseAt(events: readonly CaseEvent[], cutoff: Date): CaseAt | null {
  const sorted = [...events].sort((a, b) => a.aggregateVersion - b.aggregateVersion);
  let state: CaseAt | null = null;
  for (const event of sorted) {
    if (event.occurredAt > cutoff || event.receivedAt > cutoff) continue;
    const details = event.details;
    state = {
      contact: null,
      responseOverdue: false,
      responseDueAt: null,
      callback: null,
      decision: null,
      conclusion: null,
      overdue: false,
      ...(state ?? {}),
      caseId: event.caseId,
      trackingNo: event.trackingNo,
      kind: event.kind,
      source: event.source,
      category: event.category,
      receivedAt: event.receivedAt,
      leadDepartmentId: event.leadDepartmentId,
      requesterType: event.requesterType,
      status: event.status,
    };
    if (typeof details['responseDueAt'] === 'string')
      state.responseDueAt = new Date(details['responseDueAt']);
    switch (event.type) {
      case 'contacted':
        if (!state.contact) state.contact = { onTime: details['onTime'] === true };
        break;
      case 'overdue':
        if (details['clock'] === 'response' && !state.contact) state.responseOverdue = true;
        state.overdue = true;
        break;
      case 'callback-recorded':
        state.callback = {
          satisfaction: String(details['satisfaction']),
          resolution: String(details['resolution']),
        };
        break;
      case 'reopened':
        state.callback = null;
        break;
      case 'decided':
        state.decision = {
          result: String(details['result']),
          reason: typeof details['reason'] === 'string' ? details['reason'] : null,
          onTime: details['onTime'] === true,
          at: event.occurredAt,
        };
        break;
      case 'concluded':
        state.conclusion = {
          substantiated: details['substantiated'] === true,
          onTime: details['onTime'] === true,
        };
        break;
      default:
        break;
    }
  }
  return state;
}

/**
 * Whether a case counts in the response rate's denominator at `asOf`: it was contacted, or its
 * response limit had passed by then without a contact (known from the limit the case carries, or
 * from the periodic pass's overdue notice for events that predate it).
 */
export function responseWasDue(state: CaseAt, asOf: Date): boolean {
  return (
    state.contact !== null ||
    state.responseOverdue ||
    (state.responseDueAt !== null && state.responseDueAt < asOf)
  );
}

/** Every case of `events` as it stood at `cutoff` (those not received by then left out), by tracking number. */
export function foldCases(events: readonly CaseEvent[], cutoff: Date): CaseAt[] {
  return [...groupByCase(events).values()]
    .map((caseEvents) => caseAt(caseEvents, cutoff))
    .filter((state): state is CaseAt => state !== null)
    .sort((a, b) => a.trackingNo.localeCompare(b.trackingNo));
}

/** The `report_case` row of one case's events (any order): at the end of its year of receipt, and now. */
export function foldedCase(events: readonly CaseEvent[]) {
  const sorted = [...events].sort((a, b) => a.aggregateVersion - b.aggregateVersion);
  const latest = sorted.at(-1);
  if (!latest) return null;
  const year = academicYearContaining(latest.receivedAt);
  const atYearEnd = caseAt(sorted, year.end);
  const now = caseAt(sorted, new Date(8_640_000_000_000_000));
  if (!atYearEnd || !now) return null;
  return {
    caseId: latest.caseId,
    academicYear: year.name,
    kind: latest.kind,
    receivedAt: latest.receivedAt,
    version: latest.aggregateVersion,
    yearEndState: caseAtToJson(atYearEnd),
    currentStatus: now.status,
    currentState: caseAtToJson(now),
  };
}

/** A folded case as stored in `report_case` (JSON), and back with its instants as dates. */
export function caseAtToJson(state: CaseAt): Record<string, unknown> {
  return JSON.parse(JSON.stringify(state)) as Record<string, unknown>;
}

export function caseAtFromJson(json: unknown): CaseAt {
  const state = json as CaseAt & { receivedAt: string; responseDueAt: string | null };
  const decision = state.decision as (CaseAt['decision'] & { at: string }) | null;
  return {
    ...state,
    receivedAt: new Date(state.receivedAt),
    responseDueAt: state.responseDueAt ? new Date(state.responseDueAt) : null,
    decision: decision ? { ...decision, at: new Date(decision.at) } : null,
  };
}

/** Groups the rows of many cases by case id. */
export function groupByCase<T extends { caseId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.caseId);
    if (group) group.push(row);
    else groups.set(row.caseId, [row]);
  }
  return groups;
}
