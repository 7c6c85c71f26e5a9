import type { Actor, Case, CaseAttachment, CaseEntry, CaseSummary, CaseState } from '@gongkai/contracts';
import { clockOf } from '../sla/case-clock';
import type { CaseEntryRow, CaseListRow, CaseRow, Requester } from './cases.repository';
import { requesterView } from './masking';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

function common(row: CaseListRow, now: Date) {
  const clock = clockOf(row, now);
  return {
    id: row.id,
    trackingNo: row.trackingNo,
    kind: row.kind as Case['kind'],
    source: row.source as Case['source'],
    externalNo: row.externalNo,
    category: row.category,
    title: row.title,
    status: row.status as Case['status'],
    receivedAt: row.receivedAt.toISOString(),
    dueAt: iso(clock.dueAt),
    cityDueAt: iso(row.cityDueAt),
    leadDepartmentId: row.leadDepartmentId,
    coDepartmentIds: row.coDepartmentIds,
    handlerId: row.handlerId,
    flagged: row.flagged,
    flagReason: row.flagReason,
    supervised: row.supervised,
    reopenCount: row.reopenCount,
    escalated: row.escalated,
    urgedCount: row.urgedCount,
    acceptedAt: iso(row.acceptedAt),
    firstContactAt: iso(row.firstContactAt),
    repliedAt: iso(row.repliedAt),
    closedAt: iso(row.closedAt),
    callback:
      row.satisfaction && row.resolution && row.callbackAt
        ? {
            satisfaction: row.satisfaction as 'satisfied',
            resolution: row.resolution as 'solved',
            note: row.callbackNote,
            at: row.callbackAt.toISOString(),
          }
        : null,
    sla: {
      state: clock.state,
      dueAt: iso(clock.dueAt),
      warningAt: iso(clock.warningAt),
      responseDueAt: iso(clock.responseDueAt),
      extendedWorkingDays: clock.extendedWorkingDays,
      pausedWorkingDays: clock.pausedWorkingDays,
      overdue: clock.overdue,
      onTime: clock.onTime,
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toEntryView(entry: CaseEntryRow): CaseEntry {
  return {
    id: entry.id,
    kind: entry.kind,
    occurredAt: entry.occurredAt.toISOString(),
    recordedAt: entry.recordedAt.toISOString(),
    actor: entry.actor as Actor,
    visibility: entry.visibility as CaseEntry['visibility'],
    text: entry.text,
    details: (entry.details ?? {}) as Record<string, unknown>,
  };
}

/** A case as staff see it; personal data only when `mayReadPersonal`. */
export function toCaseView(
  row: CaseRow,
  options: { requester: Requester | null; mayReadPersonal: boolean; entries: CaseEntryRow[]; now: Date },
): Case {
  return {
    ...common(row, options.now),
    content: row.content,
    requester: requesterView(
      options.requester,
      row.requesterType,
      options.mayReadPersonal,
    ) as Case['requester'],
    application:
      row.kind === 'application'
        ? {
            registeredAt: iso(row.registeredAt),
            correctionRequestedAt: iso(row.correctionRequestedAt),
            correctionNotice: row.correctionNotice,
            correctionAnswerDueAt: iso(row.correctionAnswerDueAt),
            correctedAt: iso(row.correctedAt),
            correctionLapsed: row.correctionLapsed,
            thirdPartySoughtAt: iso(row.thirdPartySoughtAt),
            extension: (row.extension ?? null) as NonNullable<Case['application']>['extension'],
            decision: (row.decision ?? null) as NonNullable<Case['application']>['decision'],
          }
        : null,
    report:
      row.kind === 'report'
        ? {
            investigationStartedAt: iso(row.investigationStartedAt),
            finding: row.finding,
            substantiated: row.substantiated,
            concludedAt: iso(row.concludedAt),
          }
        : null,
    attachments: row.attachments as CaseAttachment[],
    entries: options.entries.map(toEntryView),
  };
}

/** A case in a list: the requester's name masked, never the contact. */
export function toSummaryView(row: CaseListRow, requesterName: string | null, now: Date): CaseSummary {
  const requester = requesterView(
    requesterName === null ? null : { name: requesterName, contact: '' },
    row.requesterType,
    false,
  );
  return { ...common(row, now), requester: { ...requester, contact: null } as CaseSummary['requester'] };
}

/** What every case event carries (never the requester's name or contact). */
export function caseState(row: CaseRow, now: Date): CaseState {
  const clock = clockOf(row, now);
  return {
    caseId: row.id,
    trackingNo: row.trackingNo,
    kind: row.kind as CaseState['kind'],
    source: row.source as CaseState['source'],
    externalNo: row.externalNo,
    category: row.category,
    status: row.status as CaseState['status'],
    receivedAt: row.receivedAt.toISOString(),
    dueAt: iso(clock.dueAt),
    responseDueAt: iso(clock.responseDueAt),
    leadDepartmentId: row.leadDepartmentId,
    coDepartmentIds: row.coDepartmentIds,
    handlerId: row.handlerId,
    requesterType: row.requesterType as CaseState['requesterType'],
    reopenCount: row.reopenCount,
  };
}
