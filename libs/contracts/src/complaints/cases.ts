import { z } from 'zod';
import { ActorSchema } from '../common/envelope';
import { ListQuerySchema, pageSchema } from '../common/pagination';
import { BusinessTimeSchema, IsoTimestampSchema } from '../catalogue/common';
import { APPLICATION_REQUESTER_TYPES, ApplicationDecisionSchema } from './applications';

/** 投诉 (接诉即办), 依申请公开, 举报 about disclosure work. */
export const CASE_KINDS = ['complaint', 'application', 'report'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** Where a case came in: the city's 12345 transfer, or one of the campus channels. */
export const CASE_SOURCES = ['city_12345', 'campus_hotline', 'web', 'email', 'in_person', 'letter'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

/**
 * One status list for the three kinds (each uses its own part of it):
 * - complaint: received → dispatched → accepted → in_progress → replied → closed (reopen → dispatched);
 * - application: received → registered ⇄ awaiting_correction / awaiting_third_party → decided → closed;
 * - report: received → investigating → concluded → closed.
 */
export const CASE_STATUSES = [
  'received',
  'dispatched',
  'accepted',
  'in_progress',
  'replied',
  'registered',
  'awaiting_correction',
  'awaiting_third_party',
  'decided',
  'investigating',
  'concluded',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** 访: the requester's answer at the callback. */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const RESOLUTIONS = ['solved', 'partly_solved', 'unsolved'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const NOTE_VISIBILITIES = ['internal', 'public'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

/**
 * Text people type: no control characters other than tab and line breaks (they break exports,
 * logs and the annual report's DOCX).
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const caseText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !CONTROL_CHARACTERS.test(text), 'control characters are not allowed');

export const CaseTitleSchema = caseText(200);
/** 20 000 characters: a long letter; anything larger is an attachment. */
export const CaseContentSchema = caseText(20_000);
export const CaseNoteTextSchema = caseText(10_000);
export const CaseReasonSchema = caseText(1000);
export const CaseCategoryCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'a category code such as canteen (GET /cases/categories)');
/** The city's 12345 ticket number (工单编号). */
export const ExternalNoSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, "-" and "_" only');

/** Name and contact are personal data: stored, masked in lists and for roles without the right, never in events. */
export const RequesterInputSchema = z
  .object({
    name: caseText(100),
    contact: caseText(200),
    /** The requester's kind for applications (a column of the standard table); omitted otherwise. */
    type: z.enum(APPLICATION_REQUESTER_TYPES).optional(),
  })
  .strict();

/** What is known about an attachment: the file itself lives in the document system. */
export const CaseAttachmentSchema = z
  .object({
    name: caseText(255),
    mediaType: z
      .string()
      .trim()
      .regex(/^[\w.+-]+\/[\w.+-]+$/, 'a media type such as application/pdf'),
    sizeBytes: z.number().int().min(0).max(1_073_741_824),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .strict();
export type CaseAttachment = z.infer<typeof CaseAttachmentSchema>;

/** `complaints.cases.create` (POST /cases): a case entered by staff or a campus system. */
export const CreateCaseSchema = z
  .object({
    kind: z.enum(CASE_KINDS),
    source: z.enum(CASE_SOURCES),
    /** The city's ticket number: required from city_12345, unique per source. */
    externalNo: ExternalNoSchema.optional(),
    /** The city's own deadline for the ticket (12345 sets it per ticket). */
    cityDueAt: IsoTimestampSchema.optional(),
    category: CaseCategoryCodeSchema,
    title: CaseTitleSchema,
    content: CaseContentSchema,
    requester: RequesterInputSchema,
    attachments: z.array(CaseAttachmentSchema).max(20).default([]),
    /** When the case was received (a letter entered a week late): the SLA clock starts here. */
    occurredAt: BusinessTimeSchema.optional(),
  })
  .strict()
  .superRefine((body, context) => {
    if (body.source === 'city_12345' && body.externalNo === undefined) {
      context.addIssue({ code: 'custom', path: ['externalNo'], message: "give the city's ticket number" });
    }
    if (body.source !== 'city_12345' && body.cityDueAt !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['cityDueAt'],
        message: 'only city transfers carry a city deadline',
      });
    }
    if (body.kind === 'application' && body.requester.type === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['requester', 'type'],
        message: 'say whether the applicant is a person or which kind of organisation',
      });
    }
  });
export type CreateCase = z.infer<typeof CreateCaseSchema>;

export const CaseRefSchema = z.object({ caseId: z.uuid() }).strict();
export type CaseRef = z.infer<typeof CaseRefSchema>;

export const CLOCK_STATES = [
  'running',
  'extended',
  'paused',
  'waiting_requester',
  'stopped',
  'overdue',
] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/** The case's SLA clock as of the answer (Chinese working days, Asia/Shanghai). */
export const CaseSlaSchema = z.object({
  /** paused (third-party opinion), waiting_requester (correction), extended: never shown as overdue. */
  state: z.enum(CLOCK_STATES),
  /** Reply (complaints), decision (applications) or conclusion (reports) due; null while paused or waiting. */
  dueAt: IsoTimestampSchema.nullable(),
  warningAt: IsoTimestampSchema.nullable(),
  /** First contact with the requester due (complaints). */
  responseDueAt: IsoTimestampSchema.nullable(),
  extendedWorkingDays: z.number().int(),
  pausedWorkingDays: z.number().int(),
  overdue: z.boolean(),
  /** The reply came (or is still to come) by its due time; null until it came. */
  onTime: z.boolean().nullable(),
});
export type CaseSla = z.infer<typeof CaseSlaSchema>;

export const CaseEntrySchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  /** Business time. */
  occurredAt: IsoTimestampSchema,
  recordedAt: IsoTimestampSchema,
  actor: ActorSchema,
  visibility: z.enum(NOTE_VISIBILITIES),
  text: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type CaseEntry = z.infer<typeof CaseEntrySchema>;

export const RequesterViewSchema = z.object({
  /** Masked (张*) unless the caller may read personal data for this case. */
  name: z.string(),
  /** null unless the caller may read personal data for this case; never in lists. */
  contact: z.string().nullable(),
  type: z.enum(APPLICATION_REQUESTER_TYPES).nullable(),
  masked: z.boolean(),
});

export const CallbackSchema = z.object({
  satisfaction: z.enum(SATISFACTIONS),
  resolution: z.enum(RESOLUTIONS),
  note: z.string().nullable(),
  at: IsoTimestampSchema,
});

export const ApplicationViewSchema = z.object({
  registeredAt: IsoTimestampSchema.nullable(),
  correctionRequestedAt: IsoTimestampSchema.nullable(),
  correctionNotice: z.string().nullable(),
  correctionAnswerDueAt: IsoTimestampSchema.nullable(),
  correctedAt: IsoTimestampSchema.nullable(),
  /** The applicant did not answer the correction notice in time. */
  correctionLapsed: z.boolean(),
  thirdPartySoughtAt: IsoTimestampSchema.nullable(),
  extension: z
    .object({
      workingDays: z.number().int(),
      reason: z.string(),
      approvedBy: z.string(),
      applicantNotifiedAt: IsoTimestampSchema.nullable(),
      at: IsoTimestampSchema,
    })
    .nullable(),
  decision: ApplicationDecisionSchema.extend({ decidedAt: IsoTimestampSchema }).nullable(),
});

export const ReportViewSchema = z.object({
  investigationStartedAt: IsoTimestampSchema.nullable(),
  finding: z.string().nullable(),
  substantiated: z.boolean().nullable(),
  concludedAt: IsoTimestampSchema.nullable(),
});

/** A case as staff see it (GET /cases/{id}, and the reply to every step). */
export const CaseSchema = z.object({
  id: z.uuid(),
  trackingNo: z.string(),
  kind: z.enum(CASE_KINDS),
  source: z.enum(CASE_SOURCES),
  externalNo: z.string().nullable(),
  category: z.string(),
  title: z.string(),
  content: z.string(),
  requester: RequesterViewSchema,
  status: z.enum(CASE_STATUSES),
  receivedAt: IsoTimestampSchema,
  dueAt: IsoTimestampSchema.nullable(),
  cityDueAt: IsoTimestampSchema.nullable(),
  /** 首接负责: the department that stays responsible. */
  leadDepartmentId: z.uuid().nullable(),
  coDepartmentIds: z.array(z.uuid()),
  /** The person working it in the lead department (who accepted it). */
  handlerId: z.uuid().nullable(),
  /** Flagged to the office: nobody is left in the department to work it. */
  flagged: z.boolean(),
  flagReason: z.string().nullable(),
  /** In the supervision queue (督): overdue, unsatisfied, or put there by a supervisor. */
  supervised: z.boolean(),
  reopenCount: z.number().int(),
  /** Reopened three times: the school level (the office) follows it. */
  escalated: z.boolean(),
  urgedCount: z.number().int(),
  acceptedAt: IsoTimestampSchema.nullable(),
  firstContactAt: IsoTimestampSchema.nullable(),
  repliedAt: IsoTimestampSchema.nullable(),
  closedAt: IsoTimestampSchema.nullable(),
  callback: CallbackSchema.nullable(),
  sla: CaseSlaSchema,
  application: ApplicationViewSchema.nullable(),
  report: ReportViewSchema.nullable(),
  attachments: z.array(CaseAttachmentSchema),
  entries: z.array(CaseEntrySchema),
  createdAt: IsoTimestampSchema,
  updatedAt: IsoTimestampSchema,
});
export type Case = z.infer<typeof CaseSchema>;

/** The reply to creating a case: the case, and the requester's verification code (shown once). */
export const CreatedCaseSchema = z.object({
  case: CaseSchema,
  /** Give it to the requester with the tracking number; it is stored only as a hash. */
  verificationCode: z.string(),
});

/** A case in a list: no content, no entries, the requester masked and without contact. */
export const CaseSummarySchema = CaseSchema.omit({
  content: true,
  entries: true,
  attachments: true,
  application: true,
  report: true,
}).extend({ requester: RequesterViewSchema.extend({ contact: z.null() }) });
export type CaseSummary = z.infer<typeof CaseSummarySchema>;
export const CaseSummaryPageSchema = pageSchema(CaseSummarySchema);

/** `true`/`false` in a query string; the gateway forwards it parsed, as a boolean, which is taken too. */
const flag = z
  .preprocess((value) => (typeof value === 'boolean' ? String(value) : value), z.enum(['true', 'false']))
  .transform((value) => value === 'true')
  .optional();

/** `complaints.cases.list` (GET /cases), newest received first. */
export const ListCasesQuerySchema = ListQuerySchema.extend({
  kind: z.enum(CASE_KINDS).optional(),
  source: z.enum(CASE_SOURCES).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  category: CaseCategoryCodeSchema.optional(),
  /** Cases whose lead or a co-handling department is this one. */
  departmentId: z.uuid().optional(),
  externalNo: ExternalNoSchema.optional(),
  /** The supervision queue: overdue (as of now), unsatisfied, escalated or put under supervision. */
  queue: z.enum(['supervision', 'flagged']).optional(),
  overdue: flag,
}).strict();
export type ListCasesQuery = z.infer<typeof ListCasesQuerySchema>;

/** A category of the configurable list (GET /cases/categories). */
export const CaseCategorySchema = z.object({
  code: z.string(),
  name: z.string(),
  kinds: z.array(z.enum(CASE_KINDS)),
  active: z.boolean(),
});
export type CaseCategory = z.infer<typeof CaseCategorySchema>;
export const CaseCategoryListSchema = z.object({ items: z.array(CaseCategorySchema) });

/** `complaints.categories.put` (PUT /cases/categories/{code}): add or change a category. */
export const PutCaseCategorySchema = z
  .object({
    code: CaseCategoryCodeSchema,
    name: caseText(100),
    kinds: z.array(z.enum(CASE_KINDS)).min(1),
    active: z.boolean().default(true),
  })
  .strict();
export const PutCaseCategoryBodySchema = PutCaseCategorySchema.omit({ code: true });
