import { z } from 'zod';
import { IsoTimestampSchema } from '../catalogue/common';
import {
  CaseAttachmentSchema,
  CASE_STATUSES,
  CaseCategoryCodeSchema,
  CaseContentSchema,
  CaseTitleSchema,
  RequesterInputSchema,
} from './cases';

/**
 * `complaints.public.submit` (POST /public/cases): a web submission, no account. A complaint or
 * a report about disclosure work; applications need the applicant's type.
 */
export const PublicSubmissionSchema = z
  .object({
    kind: z.enum(['complaint', 'application', 'report']),
    category: CaseCategoryCodeSchema,
    title: CaseTitleSchema,
    content: CaseContentSchema,
    requester: RequesterInputSchema,
    attachments: z.array(CaseAttachmentSchema).max(5).default([]),
  })
  .strict()
  .refine((body) => body.kind !== 'application' || body.requester.type !== undefined, {
    message: 'say whether the applicant is a person or which kind of organisation',
    path: ['requester', 'type'],
  });
export type PublicSubmission = z.infer<typeof PublicSubmissionSchema>;

export const PublicReceiptSchema = z.object({
  trackingNo: z.string(),
  /** Shown once: with the tracking number it opens the case's public page. */
  verificationCode: z.string(),
  receivedAt: IsoTimestampSchema,
});
export type PublicReceipt = z.infer<typeof PublicReceiptSchema>;

export const TrackingNoSchema = z
  .string()
  .trim()
  .regex(/^[A-Z0-9-]{6,32}$/, 'a tracking number such as GK20240901-7KQ2M9');

/** `complaints.public.track` (GET /public/cases/{trackingNo}, code in `X-Verification-Code`). */
export const TrackCaseSchema = z
  .object({ trackingNo: TrackingNoSchema, verificationCode: z.string().trim().min(1).max(64) })
  .strict();

/** What the requester sees: status and public replies, nothing internal, no departments or staff. */
export const PublicCaseViewSchema = z.object({
  trackingNo: z.string(),
  kind: z.enum(['complaint', 'application', 'report']),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  receivedAt: IsoTimestampSchema,
  dueAt: IsoTimestampSchema.nullable(),
  closedAt: IsoTimestampSchema.nullable(),
  replies: z.array(z.object({ at: IsoTimestampSchema, text: z.string() })),
});
export type PublicCaseView = z.infer<typeof PublicCaseViewSchema>;
