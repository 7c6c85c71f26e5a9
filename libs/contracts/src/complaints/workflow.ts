import { z } from 'zod';
import { BusinessTimeSchema, IsoTimestampSchema } from '../catalogue/common';
import {
  APPLICATION_RESULT_KEYS,
  APPLICATION_RESULT_REASONS,
  DELIVERY_METHODS,
  applicationDecisionIssues,
} from './applications';
import {
  CaseNoteTextSchema,
  CaseReasonSchema,
  NOTE_VISIBILITIES,
  RESOLUTIONS,
  SATISFACTIONS,
  caseText,
} from './cases';

const at = { occurredAt: BusinessTimeSchema.optional() };

/**
 * The HTTP bodies of the case steps (POST /cases/{id}/<step>); the service request of each is the
 * body plus `caseId`. Every step takes `occurredAt`: business time, for what is entered after the fact.
 */
export const DispatchBodySchema = z
  .object({
    /** 首接负责: stays responsible to the end. */
    leadDepartmentId: z.uuid(),
    coDepartmentIds: z.array(z.uuid()).max(10).default([]),
    note: CaseNoteTextSchema.optional(),
    ...at,
  })
  .strict()
  .refine((body) => !body.coDepartmentIds.includes(body.leadDepartmentId), {
    message: 'the lead department cannot also be a co-handling department',
    path: ['coDepartmentIds'],
  });
export const StepBodySchema = z.object({ note: CaseNoteTextSchema.optional(), ...at }).strict();
export const ReasonBodySchema = z.object({ reason: CaseReasonSchema, ...at }).strict();
export const NoteBodySchema = z
  .object({
    text: CaseNoteTextSchema,
    /** internal notes are never shown to the requester; public ones are (GET /public/cases/{trackingNo}). */
    visibility: z.enum(NOTE_VISIBILITIES).default('internal'),
    ...at,
  })
  .strict();
export const ReplyBodySchema = z.object({ text: CaseNoteTextSchema, ...at }).strict();
export const CallbackBodySchema = z
  .object({
    satisfaction: z.enum(SATISFACTIONS),
    resolution: z.enum(RESOLUTIONS),
    note: CaseNoteTextSchema.optional(),
    ...at,
  })
  .strict();
export const SuperviseBodySchema = z.object({ note: CaseNoteTextSchema, ...at }).strict();
export const ExtendBodySchema = z
  .object({
    workingDays: z.number().int().min(1).max(60),
    reason: CaseReasonSchema,
    /** The office head who approved it (applications: up to 15 working days). */
    approvedBy: caseText(100),
    /** When the applicant was told. */
    applicantNotifiedAt: IsoTimestampSchema.optional(),
    ...at,
  })
  .strict();
export const CorrectionBodySchema = z
  .object({
    /** One consolidated notice: everything the applicant must correct or add. */
    notice: CaseNoteTextSchema,
    /** Working days the applicant has to answer (configuration by default). */
    answerWithinWorkingDays: z.number().int().min(1).max(60).optional(),
    ...at,
  })
  .strict();
export const ThirdPartyBodySchema = z
  .object({ stage: z.enum(['sought', 'received']), note: CaseNoteTextSchema.optional(), ...at })
  .strict();
export const DecideBodySchema = z
  .object({
    result: z.enum(APPLICATION_RESULT_KEYS),
    reason: z.enum(APPLICATION_RESULT_REASONS).optional(),
    /** The reply letter (答复书). */
    replyText: CaseNoteTextSchema,
    deliveredVia: z.enum(DELIVERY_METHODS),
    /** 已主动公开: where to find it. */
    alreadyPublicAt: caseText(500).optional(),
    /** Not the university's duty: who holds it, where known. */
    responsibleBody: caseText(200).optional(),
    ...at,
  })
  .strict()
  .superRefine((body, context) => {
    for (const issue of applicationDecisionIssues(body)) {
      context.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    }
  });
export const ConcludeBodySchema = z
  .object({ finding: CaseNoteTextSchema, substantiated: z.boolean(), ...at })
  .strict();

/** The service request of a step: its body and the case. */
export function stepRequest<T extends z.ZodType>(body: T) {
  return z.object({ caseId: z.uuid(), body });
}

export const CASE_STEPS = [
  'dispatch',
  'accept',
  'return-dispatch',
  'contact',
  'notes',
  'reply',
  'callback',
  'urge',
  'supervise',
  'reopen',
  'close',
  'extend',
  'register',
  'request-correction',
  'correction-received',
  'third-party',
  'decide',
  'investigate',
  'conclude',
] as const;
export type CaseStep = (typeof CASE_STEPS)[number];
