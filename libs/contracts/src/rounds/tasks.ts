import { z } from 'zod';
import { defineEvent } from '../common/event-definition';
import { ChannelsSchema } from '../catalogue/common';
import { AttachmentSchema, DocumentLinkSchema, PUBLICATION_LIMITS } from '../catalogue/publications';

/** What a department submitted for an item and the office approved, to be published as is. */
export const ApprovedContentSchema = z.object({
  title: z.string().trim().min(1).max(PUBLICATION_LIMITS.titleChars),
  summary: z.string().max(PUBLICATION_LIMITS.summaryChars),
  body: z.string().max(PUBLICATION_LIMITS.bodyChars),
  documents: z.array(DocumentLinkSchema).max(PUBLICATION_LIMITS.documents),
  attachments: z.array(AttachmentSchema).max(PUBLICATION_LIMITS.attachments),
  channels: ChannelsSchema,
});
export type ApprovedContent = z.infer<typeof ApprovedContentSchema>;

/**
 * The disclosure office approved an update-round task. With new content, the catalogue publishes
 * it as the item's next version (evt.catalogue.publication.published); with `noChange`, it records
 * that the item was checked and is still current (evt.catalogue.item.confirmed).
 */
export const RoundsTaskApprovedV1 = defineEvent({
  service: 'rounds',
  aggregate: 'task',
  event: 'approved',
  version: 1,
  aggregateId: (payload) => payload.taskId,
  payload: z
    .object({
      taskId: z.uuid(),
      roundId: z.uuid(),
      itemId: z.uuid(),
      departmentId: z.uuid(),
      /** Null when `noChange`. */
      content: ApprovedContentSchema.nullable(),
      noChange: z.boolean(),
      /** Why nothing changed (required with `noChange`). */
      noChangeReason: z.string().trim().min(1).max(1000).nullable(),
      /**
       * The named reviewer who cleared secrecy (保密审查) in the department review; when absent the
       * catalogue records the approver as having cleared it at approval.
       */
      secrecyReviewer: z.string().trim().min(1).max(100).nullable().optional(),
      /** Person id of the approver in the disclosure office. */
      approvedBy: z.string().min(1),
      approvedAt: z.iso.datetime({ offset: true }),
      /** When the information changed (starts the item's time limit); null if unknown. */
      informationChangedAt: z.iso.datetime({ offset: true }).nullable(),
    })
    .refine((task) => (task.noChange ? task.noChangeReason !== null : task.content !== null), {
      message: 'content is required unless noChange, and noChangeReason with noChange',
    }),
});
