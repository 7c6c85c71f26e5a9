import {
  CaseAcceptedV1,
  CaseCallbackRecordedV1,
  CaseClosedV1,
  CaseConcludedV1,
  CaseContactedV1,
  CaseCorrectedV1,
  CaseCorrectionRequestedV1,
  CaseDecidedV1,
  CaseDispatchReturnedV1,
  CaseDispatchedV1,
  CaseEscalatedV1,
  CaseExtendedV1,
  CaseInvestigationStartedV1,
  CaseNoteAddedV1,
  CaseRegisteredV1,
  CaseRepliedV1,
  CaseReopenedV1,
  CaseSupervisedV1,
  CaseThirdPartyOpinionV1,
  CaseUrgedV1,
  type Action,
  type Actor,
  type CaseKind,
  type CaseStatus,
  type CaseStep,
  type EventDefinition,
  ComplaintsErrorReasons,
} from '@gongkai/contracts';
import type { z } from 'zod';
import type { Prisma } from '../../../generated/prisma/client';
import type { ClockPause } from '../../sla/sla-clock';
import { clockOf } from '../../sla/case-clock';
import { ClockPolicySchema } from '../../sla/sla-policy';
import { limitEnd } from '../../sla/working-time';
import { ComplaintsErrors } from '../../shared/complaints.errors';
import type { CaseChanges, CaseRow } from '../cases.repository';

/** A step's body as the service receives it (the HTTP body; occurredAt already read). */
export type StepBody = Record<string, unknown> & { occurredAt?: string };

export interface StepOutcome {
  changes: CaseChanges;
  entry: { visibility: 'internal' | 'public'; text: string | null; details: Record<string, unknown> };
  /** Events after the change, each with its own fields beside the case state. */
  events: { definition: EventDefinition<z.ZodType>; extra: (after: CaseRow) => Record<string, unknown> }[];
}

/** Who may take a step, and whether the gateway decided it or the service must (the case's department). */
export interface StepRule {
  kinds: readonly CaseKind[];
  action: Action;
  /** `service`: decided here on the case's lead (or, for notes, any handling) department. */
  decidedBy: 'gateway' | 'service';
}

const ALL: readonly CaseKind[] = ['complaint', 'application', 'report'];
const COMPLAINT: readonly CaseKind[] = ['complaint'];

export const STEP_RULES: Record<CaseStep, StepRule> = {
  dispatch: { kinds: COMPLAINT, action: 'complaints.case.dispatch', decidedBy: 'gateway' },
  accept: { kinds: COMPLAINT, action: 'complaints.case.handle', decidedBy: 'service' },
  'return-dispatch': { kinds: COMPLAINT, action: 'complaints.case.handle', decidedBy: 'service' },
  contact: { kinds: COMPLAINT, action: 'complaints.case.handle', decidedBy: 'service' },
  notes: { kinds: ALL, action: 'complaints.case.handle', decidedBy: 'service' },
  reply: { kinds: COMPLAINT, action: 'complaints.case.handle', decidedBy: 'service' },
  callback: { kinds: COMPLAINT, action: 'complaints.case.dispatch', decidedBy: 'gateway' },
  urge: { kinds: ALL, action: 'complaints.case.dispatch', decidedBy: 'gateway' },
  supervise: { kinds: ALL, action: 'complaints.case.supervise', decidedBy: 'gateway' },
  reopen: { kinds: COMPLAINT, action: 'complaints.case.supervise', decidedBy: 'gateway' },
  close: { kinds: ALL, action: 'complaints.case.dispatch', decidedBy: 'gateway' },
  extend: { kinds: ALL, action: 'complaints.case.extend', decidedBy: 'gateway' },
  register: { kinds: ['application'], action: 'complaints.case.handle', decidedBy: 'service' },
  'request-correction': { kinds: ['application'], action: 'complaints.case.handle', decidedBy: 'service' },
  'correction-received': { kinds: ['application'], action: 'complaints.case.handle', decidedBy: 'service' },
  'third-party': { kinds: ['application'], action: 'complaints.case.handle', decidedBy: 'service' },
  decide: { kinds: ['application'], action: 'complaints.case.handle', decidedBy: 'service' },
  investigate: { kinds: ['report'], action: 'complaints.case.handle', decidedBy: 'service' },
  conclude: { kinds: ['report'], action: 'complaints.case.handle', decidedBy: 'service' },
};

/** Reopened this many times, a complaint goes to the school level. */
export const ESCALATE_AFTER_REOPENS = 3;

function requireStatus(row: CaseRow, step: CaseStep, allowed: readonly CaseStatus[]): void {
  if (!allowed.includes(row.status as CaseStatus)) {
    throw ComplaintsErrors.wrongState(
      `Case ${row.trackingNo} is ${row.status}; ${step} needs it ${allowed.join(' or ')}`,
      { caseId: row.id, status: row.status, step, allowed },
    );
  }
}

const OPEN: readonly CaseStatus[] = [
  'received',
  'dispatched',
  'accepted',
  'in_progress',
  'registered',
  'awaiting_correction',
  'awaiting_third_party',
  'investigating',
];
const NOT_CLOSED: readonly CaseStatus[] = [...OPEN, 'replied', 'decided', 'concluded'];

function closePauses(row: CaseRow, at: Date): ClockPause[] {
  return (row.pauses as unknown as ClockPause[]).map((pause) =>
    pause.to === null ? { ...pause, to: at.toISOString() } : pause,
  );
}

const json = (value: unknown) => value as Prisma.InputJsonValue;
const text = (value: unknown) => (typeof value === 'string' ? value : null);

/**
 * The rules of each step, pure: from the case as it is, the body, who and when, what changes,
 * what the timeline records and which events go out. The use case checks access and departments
 * and persists the outcome in one unit of work.
 */
export function applyStep(
  step: CaseStep,
  row: CaseRow,
  body: StepBody,
  context: { actor: Actor; at: Date; now: Date },
): StepOutcome {
  const { actor, at, now } = context;
  const rule = STEP_RULES[step];
  if (!rule.kinds.includes(row.kind as CaseKind)) {
    throw ComplaintsErrors.wrongKind(
      `${step} is a step of ${rule.kinds.join(' and ')} cases; ${row.trackingNo} is a ${row.kind}`,
      {
        caseId: row.id,
        kind: row.kind,
        step,
      },
    );
  }
  if (at < row.receivedAt) {
    throw ComplaintsErrors.invalidField(
      ComplaintsErrorReasons.OCCURRED_BEFORE_PREVIOUS_STEP,
      ['occurredAt'],
      `lies before the case was received (${row.receivedAt.toISOString()})`,
    );
  }
  const note = text(body['note']);
  const internal = (details: Record<string, unknown> = {}, entryText: string | null = note) => ({
    visibility: 'internal' as const,
    text: entryText,
    details,
  });
  const policy = ClockPolicySchema.parse(row.slaPolicy);

  switch (step) {
    case 'dispatch': {
      requireStatus(row, step, ['received']);
      const coDepartmentIds = (body['coDepartmentIds'] as string[] | undefined) ?? [];
      return {
        changes: {
          status: 'dispatched',
          leadDepartmentId: body['leadDepartmentId'] as string,
          coDepartmentIds,
          handlerId: null,
          dispatchedAt: row.dispatchedAt ?? at,
          flagged: false,
          flagReason: null,
        },
        entry: internal({ leadDepartmentId: body['leadDepartmentId'], coDepartmentIds }),
        events: [{ definition: CaseDispatchedV1, extra: () => ({ redispatch: row.dispatchedAt !== null }) }],
      };
    }
    case 'accept':
      requireStatus(row, step, ['dispatched']);
      return {
        changes: {
          status: 'accepted',
          acceptedAt: at,
          handlerId: actor.kind === 'person' ? actor.id : row.handlerId,
        },
        entry: internal(),
        events: [{ definition: CaseAcceptedV1, extra: () => ({}) }],
      };
    case 'return-dispatch': {
      requireStatus(row, step, ['dispatched', 'accepted']);
      const fromDepartmentId = row.leadDepartmentId as string;
      return {
        changes: {
          status: 'received',
          leadDepartmentId: null,
          coDepartmentIds: [],
          handlerId: null,
          acceptedAt: null,
        },
        entry: internal({ fromDepartmentId }, text(body['reason'])),
        events: [
          {
            definition: CaseDispatchReturnedV1,
            extra: () => ({ fromDepartmentId, reason: body['reason'] as string }),
          },
        ],
      };
    }
    case 'contact': {
      requireStatus(row, step, ['accepted', 'in_progress']);
      const first = row.firstContactAt ?? at;
      const reading = clockOf({ ...row, firstContactAt: first }, now);
      return {
        changes: { status: 'in_progress', firstContactAt: first },
        entry: internal({ first: row.firstContactAt === null }),
        events: [{ definition: CaseContactedV1, extra: () => ({ onTime: reading.respondedOnTime ?? true }) }],
      };
    }
    case 'notes': {
      requireStatus(row, step, NOT_CLOSED);
      const visibility = (body['visibility'] as 'internal' | 'public' | undefined) ?? 'internal';
      return {
        changes: {},
        entry: { visibility, text: text(body['text']), details: {} },
        events: [{ definition: CaseNoteAddedV1, extra: () => ({ visibility }) }],
      };
    }
    case 'reply': {
      requireStatus(row, step, ['accepted', 'in_progress']);
      const after = { ...row, repliedAt: at, firstContactAt: row.firstContactAt ?? at };
      const onTime = clockOf(after, now).onTime ?? true;
      return {
        changes: { status: 'replied', repliedAt: at, firstContactAt: after.firstContactAt },
        entry: { visibility: 'public', text: text(body['text']), details: { onTime } },
        events: [{ definition: CaseRepliedV1, extra: () => ({ onTime }) }],
      };
    }
    case 'callback': {
      requireStatus(row, step, ['replied']);
      const satisfaction = body['satisfaction'] as string;
      const resolution = body['resolution'] as string;
      const unsatisfied = satisfaction === 'unsatisfied';
      return {
        changes: {
          satisfaction,
          resolution,
          callbackNote: note,
          callbackAt: at,
          ...(unsatisfied ? { supervised: true } : {}),
        },
        entry: internal({ satisfaction, resolution }),
        events: [
          { definition: CaseCallbackRecordedV1, extra: () => ({ satisfaction, resolution }) },
          ...(unsatisfied
            ? [{ definition: CaseSupervisedV1, extra: () => ({ because: 'unsatisfied' }) }]
            : []),
        ],
      };
    }
    case 'urge': {
      requireStatus(row, step, OPEN);
      const reading = clockOf(row, at);
      if (reading.overdue) {
        throw ComplaintsErrors.because(
          ComplaintsErrorReasons.NOT_DUE_YET,
          `Case ${row.trackingNo} is overdue already: supervise it instead`,
          {
            caseId: row.id,
            dueAt: reading.dueAt?.toISOString(),
          },
        );
      }
      return {
        changes: { urgedCount: row.urgedCount + 1 },
        entry: internal(),
        events: [{ definition: CaseUrgedV1, extra: () => ({ urgedCount: row.urgedCount + 1 }) }],
      };
    }
    case 'supervise': {
      requireStatus(row, step, NOT_CLOSED);
      const reading = clockOf(row, now);
      const because = row.escalated
        ? 'escalated'
        : reading.overdue || reading.responseOverdue || reading.onTime === false
          ? 'overdue'
          : row.satisfaction === 'unsatisfied'
            ? 'unsatisfied'
            : null;
      if (!because) {
        throw ComplaintsErrors.because(
          ComplaintsErrorReasons.NOT_SUPERVISABLE,
          `Case ${row.trackingNo} is neither overdue, unsatisfied nor escalated`,
          { caseId: row.id },
        );
      }
      return {
        changes: { supervised: true },
        entry: internal({ because }),
        events: [{ definition: CaseSupervisedV1, extra: () => ({ because }) }],
      };
    }
    case 'reopen': {
      requireStatus(row, step, ['replied', 'closed']);
      const reopenCount = row.reopenCount + 1;
      const escalate = reopenCount >= ESCALATE_AFTER_REOPENS && !row.escalated;
      return {
        changes: {
          status: row.leadDepartmentId ? 'dispatched' : 'received',
          reopenCount,
          escalated: row.escalated || escalate,
          supervised: true,
          repliedAt: null,
          closedAt: null,
          acceptedAt: null,
          satisfaction: null,
          resolution: null,
          callbackNote: null,
          callbackAt: null,
          clockStartAt: at,
          clockCycle: row.clockCycle + 1,
          pauses: json([]),
          extendedWorkingDays: 0,
          cityDueAt: null,
        },
        entry: internal({ reopenCount }, text(body['reason'])),
        events: [
          { definition: CaseReopenedV1, extra: () => ({ reason: body['reason'] as string }) },
          ...(escalate ? [{ definition: CaseEscalatedV1, extra: () => ({}) }] : []),
        ],
      };
    }
    case 'close': {
      const closable: Record<string, CaseStatus> = {
        complaint: 'replied',
        application: 'decided',
        report: 'concluded',
      };
      requireStatus(row, step, [closable[row.kind] as CaseStatus]);
      const onTime = clockOf(row, now).onTime;
      return {
        changes: { status: 'closed', closedAt: at },
        entry: internal(),
        events: [{ definition: CaseClosedV1, extra: () => ({ onTime }) }],
      };
    }
    case 'extend': {
      requireStatus(row, step, OPEN);
      const workingDays = body['workingDays'] as number;
      if (row.extendedWorkingDays > 0 || workingDays > policy.maxExtensionWorkingDays) {
        throw ComplaintsErrors.because(
          ComplaintsErrorReasons.EXTENSION_NOT_ALLOWED,
          row.extendedWorkingDays > 0
            ? `Case ${row.trackingNo} was extended already`
            : `At most ${policy.maxExtensionWorkingDays} working days for a ${row.kind}`,
          { caseId: row.id, maxWorkingDays: policy.maxExtensionWorkingDays },
        );
      }
      const extension = {
        workingDays,
        reason: body['reason'],
        approvedBy: body['approvedBy'],
        applicantNotifiedAt: body['applicantNotifiedAt'] ?? null,
        at: at.toISOString(),
      };
      return {
        changes: { extendedWorkingDays: workingDays, extension: json(extension) },
        entry: internal({ workingDays, approvedBy: body['approvedBy'] }, text(body['reason'])),
        events: [{ definition: CaseExtendedV1, extra: () => ({ workingDays }) }],
      };
    }
    case 'register':
      requireStatus(row, step, ['received']);
      return {
        changes: { status: 'registered', registeredAt: at },
        entry: internal(),
        events: [{ definition: CaseRegisteredV1, extra: () => ({}) }],
      };
    case 'request-correction': {
      requireStatus(row, step, ['received', 'registered']);
      const latest = limitEnd(row.receivedAt, {
        unit: 'working_days',
        amount: policy.correctionWithinWorkingDays,
      });
      if (row.correctionRequestedAt || at > latest) {
        throw ComplaintsErrors.because(
          ComplaintsErrorReasons.CORRECTION_NOT_ALLOWED,
          row.correctionRequestedAt
            ? `A correction was asked already for ${row.trackingNo}: one consolidated notice only`
            : `The correction notice had to go out by ${latest.toISOString()} (${policy.correctionWithinWorkingDays} working days after receipt)`,
          { caseId: row.id },
        );
      }
      const answerDays =
        (body['answerWithinWorkingDays'] as number | undefined) ?? policy.correctionAnswerWorkingDays;
      const answerDueAt = limitEnd(at, { unit: 'working_days', amount: answerDays });
      return {
        changes: {
          status: 'awaiting_correction',
          registeredAt: row.registeredAt ?? at,
          correctionRequestedAt: at,
          correctionNotice: text(body['notice']),
          correctionAnswerDueAt: answerDueAt,
        },
        entry: {
          visibility: 'public',
          text: text(body['notice']),
          details: { answerDueAt: answerDueAt.toISOString() },
        },
        events: [
          {
            definition: CaseCorrectionRequestedV1,
            extra: () => ({ answerDueAt: answerDueAt.toISOString() }),
          },
        ],
      };
    }
    case 'correction-received':
      requireStatus(row, step, ['awaiting_correction']);
      // The reply clock starts again from the corrected request.
      return {
        changes: {
          status: 'registered',
          correctedAt: at,
          correctionLapsed: row.correctionAnswerDueAt ? at > row.correctionAnswerDueAt : false,
          clockStartAt: at,
          clockCycle: row.clockCycle + 1,
          pauses: json([]),
        },
        entry: internal(),
        events: [{ definition: CaseCorrectedV1, extra: () => ({}) }],
      };
    case 'third-party': {
      const stage = body['stage'] as 'sought' | 'received';
      if (stage === 'sought') {
        requireStatus(row, step, ['received', 'registered']);
        const pauses = [...(row.pauses as unknown as ClockPause[]), { from: at.toISOString(), to: null }];
        return {
          changes: {
            status: 'awaiting_third_party',
            thirdPartySoughtAt: at,
            pauses: json(pauses),
            registeredAt: row.registeredAt ?? at,
          },
          entry: internal({ stage }),
          events: [{ definition: CaseThirdPartyOpinionV1, extra: () => ({ stage }) }],
        };
      }
      requireStatus(row, step, ['awaiting_third_party']);
      return {
        changes: { status: 'registered', pauses: json(closePauses(row, at)) },
        entry: internal({ stage }),
        events: [{ definition: CaseThirdPartyOpinionV1, extra: () => ({ stage }) }],
      };
    }
    case 'decide': {
      const lapsedAbandoned = body['result'] === 'other' && body['reason'] === 'no_correction';
      requireStatus(
        row,
        step,
        lapsedAbandoned ? ['awaiting_correction'] : ['received', 'registered', 'awaiting_third_party'],
      );
      // 申请人逾期不补正: only once the applicant's time to answer has run out.
      if (lapsedAbandoned && row.correctionAnswerDueAt && at <= row.correctionAnswerDueAt) {
        throw ComplaintsErrors.wrongState(
          `The applicant has until ${row.correctionAnswerDueAt.toISOString()} to answer the correction notice`,
          { caseId: row.id, correctionAnswerDueAt: row.correctionAnswerDueAt.toISOString() },
        );
      }
      const decision = {
        result: body['result'],
        reason: body['reason'] ?? null,
        replyText: body['replyText'],
        deliveredVia: body['deliveredVia'],
        alreadyPublicAt: body['alreadyPublicAt'] ?? null,
        responsibleBody: body['responsibleBody'] ?? null,
        decidedAt: at.toISOString(),
      };
      const after = {
        ...row,
        decidedAt: at,
        status: 'decided',
        pauses: json(closePauses(row, at)),
      } as CaseRow;
      const onTime = clockOf(after, now).onTime ?? true;
      return {
        changes: {
          status: 'decided',
          decidedAt: at,
          decision: json(decision),
          result: body['result'] as string,
          resultReason: (body['reason'] as string | undefined) ?? null,
          pauses: json(closePauses(row, at)),
          registeredAt: row.registeredAt ?? at,
        },
        entry: {
          visibility: 'public',
          text: text(body['replyText']),
          details: { result: body['result'], reason: body['reason'] ?? null, onTime },
        },
        events: [
          {
            definition: CaseDecidedV1,
            extra: () => ({ result: body['result'], reason: body['reason'] ?? null, onTime }),
          },
        ],
      };
    }
    case 'investigate':
      requireStatus(row, step, ['received']);
      return {
        changes: { status: 'investigating', investigationStartedAt: at },
        entry: internal(),
        events: [{ definition: CaseInvestigationStartedV1, extra: () => ({}) }],
      };
    case 'conclude': {
      requireStatus(row, step, ['investigating']);
      const onTime = clockOf({ ...row, concludedAt: at }, now).onTime ?? true;
      return {
        changes: {
          status: 'concluded',
          concludedAt: at,
          finding: text(body['finding']),
          substantiated: body['substantiated'] as boolean,
        },
        entry: {
          visibility: 'public',
          text: text(body['finding']),
          details: { substantiated: body['substantiated'], onTime },
        },
        events: [
          { definition: CaseConcludedV1, extra: () => ({ substantiated: body['substantiated'], onTime }) },
        ],
      };
    }
  }
}
