import { z } from 'zod';
import { defineEvent } from '../common/event-definition';
import { IsoTimestampSchema } from '../catalogue/common';
import {
  APPLICATION_REQUESTER_TYPES,
  APPLICATION_RESULT_KEYS,
  APPLICATION_RESULT_REASONS,
} from './applications';
import { CASE_KINDS, CASE_SOURCES, CASE_STATUSES, RESOLUTIONS, SATISFACTIONS } from './cases';
import { HotspotEntrySchema } from './metrics';

/**
 * What every case event carries, so a consumer (reports, the dashboard) needs no other source.
 * Never the requester's name or contact: personal data stays in the complaints database.
 */
export const CaseStateSchema = z.object({
  caseId: z.uuid(),
  trackingNo: z.string(),
  kind: z.enum(CASE_KINDS),
  source: z.enum(CASE_SOURCES),
  externalNo: z.string().nullable(),
  category: z.string(),
  /** The case's status after the event. */
  status: z.enum(CASE_STATUSES),
  /** Business time of receipt. */
  receivedAt: IsoTimestampSchema,
  dueAt: IsoTimestampSchema.nullable(),
  /**
   * Complaints: when the first contact with the requester is due (the response limit). A case not
   * contacted by then was not responded to in time, whether or not the periodic pass noticed it.
   * Absent from events written before it was added.
   */
  responseDueAt: IsoTimestampSchema.nullable().optional(),
  leadDepartmentId: z.uuid().nullable(),
  coDepartmentIds: z.array(z.uuid()),
  handlerId: z.uuid().nullable(),
  /** Applications: the column of the standard table. */
  requesterType: z.enum(APPLICATION_REQUESTER_TYPES).nullable(),
  reopenCount: z.number().int(),
});
export type CaseState = z.infer<typeof CaseStateSchema>;

const caseEvent = <T extends z.ZodRawShape>(event: string, shape: T) => {
  const payload = CaseStateSchema.extend(shape);
  return defineEvent({
    service: 'complaints',
    aggregate: 'case',
    event,
    version: 1,
    aggregateId: (body: z.infer<typeof payload>) => (body as CaseState).caseId,
    payload,
  });
};

export const CaseReceivedV1 = caseEvent('received', { cityDueAt: IsoTimestampSchema.nullable() });
export const CaseDispatchedV1 = caseEvent('dispatched', { redispatch: z.boolean() });
/** A department returned a wrong dispatch to the dispatcher, with its reason. */
export const CaseDispatchReturnedV1 = caseEvent('dispatch-returned', {
  fromDepartmentId: z.uuid(),
  reason: z.string(),
});
export const CaseAcceptedV1 = caseEvent('accepted', {});
/** First contact with the requester (the response clock stops). */
export const CaseContactedV1 = caseEvent('contacted', { onTime: z.boolean() });
export const CaseNoteAddedV1 = caseEvent('note-added', { visibility: z.enum(['internal', 'public']) });
export const CaseRepliedV1 = caseEvent('replied', { onTime: z.boolean() });
export const CaseCallbackRecordedV1 = caseEvent('callback-recorded', {
  satisfaction: z.enum(SATISFACTIONS),
  resolution: z.enum(RESOLUTIONS),
});
export const CaseUrgedV1 = caseEvent('urged', { urgedCount: z.number().int() });
export const CaseSupervisedV1 = caseEvent('supervised', {
  because: z.enum(['overdue', 'unsatisfied', 'escalated']),
});
export const CaseReopenedV1 = caseEvent('reopened', { reason: z.string() });
/** Reopened three times: the school level follows it. */
export const CaseEscalatedV1 = caseEvent('escalated', {});
export const CaseClosedV1 = caseEvent('closed', { onTime: z.boolean().nullable() });
export const CaseExtendedV1 = caseEvent('extended', { workingDays: z.number().int() });
export const CaseRegisteredV1 = caseEvent('registered', {});
export const CaseCorrectionRequestedV1 = caseEvent('correction-requested', {
  answerDueAt: IsoTimestampSchema,
});
export const CaseCorrectedV1 = caseEvent('corrected', {});
export const CaseThirdPartyOpinionV1 = caseEvent('third-party-opinion', {
  stage: z.enum(['sought', 'received']),
});
export const CaseDecidedV1 = caseEvent('decided', {
  result: z.enum(APPLICATION_RESULT_KEYS),
  reason: z.enum(APPLICATION_RESULT_REASONS).nullable(),
  onTime: z.boolean(),
});
export const CaseInvestigationStartedV1 = caseEvent('investigation-started', {});
export const CaseConcludedV1 = caseEvent('concluded', { substantiated: z.boolean(), onTime: z.boolean() });
/** The due time is near (once per clock). */
export const CaseSlaWarningV1 = caseEvent('sla-warning', { clock: z.enum(['response', 'reply']) });
/** The due time passed without the reply (once per clock); the case joins the supervision queue. */
export const CaseOverdueV1 = caseEvent('overdue', { clock: z.enum(['response', 'reply']) });
/** The case changed department or handler (a transfer, a departure, a merge). */
export const CaseMovedV1 = caseEvent('moved', {
  cause: z.enum([
    'handler_transferred',
    'handler_departed',
    'handler_binding_ended',
    'department_merged',
    'department_dissolved',
  ]),
  fromDepartmentId: z.uuid().nullable(),
  fromHandlerId: z.uuid().nullable(),
});
/** Nobody in the department holds the handler role any more: the office must step in. */
export const CaseFlaggedV1 = caseEvent('flagged', { reason: z.string() });

/** The hotspots of a period (未诉先办), for the office to turn into disclosure items. */
export const HotspotsReportedV1 = defineEvent({
  service: 'complaints',
  aggregate: 'hotspot-report',
  event: 'reported',
  version: 1,
  aggregateId: (body: { reportId: string }) => body.reportId,
  payload: z.object({
    reportId: z.uuid(),
    from: z.iso.date(),
    to: z.iso.date(),
    categories: z.array(HotspotEntrySchema),
    keywords: z.array(HotspotEntrySchema),
  }),
});

export const ComplaintsEvents = {
  caseReceived: CaseReceivedV1,
  caseDispatched: CaseDispatchedV1,
  caseDispatchReturned: CaseDispatchReturnedV1,
  caseAccepted: CaseAcceptedV1,
  caseContacted: CaseContactedV1,
  caseNoteAdded: CaseNoteAddedV1,
  caseReplied: CaseRepliedV1,
  caseCallbackRecorded: CaseCallbackRecordedV1,
  caseUrged: CaseUrgedV1,
  caseSupervised: CaseSupervisedV1,
  caseReopened: CaseReopenedV1,
  caseEscalated: CaseEscalatedV1,
  caseClosed: CaseClosedV1,
  caseExtended: CaseExtendedV1,
  caseRegistered: CaseRegisteredV1,
  caseCorrectionRequested: CaseCorrectionRequestedV1,
  caseCorrected: CaseCorrectedV1,
  caseThirdPartyOpinion: CaseThirdPartyOpinionV1,
  caseDecided: CaseDecidedV1,
  caseInvestigationStarted: CaseInvestigationStartedV1,
  caseConcluded: CaseConcludedV1,
  caseSlaWarning: CaseSlaWarningV1,
  caseOverdue: CaseOverdueV1,
  caseMoved: CaseMovedV1,
  caseFlagged: CaseFlaggedV1,
  hotspotsReported: HotspotsReportedV1,
} as const;
