import { z } from 'zod';
import { CheckpointComparisonSchema } from '../common/chain-checkpoint';
import { ActorSchema } from '../common/envelope';
import { SUBJECT_TYPES } from './decisions';
import { TimestampSchema, UuidListQuerySchema } from './shared';

/** What an audit entry records. Subjects are `person`, `client`, `department`, `request`. */
export const AUDIT_ACTIONS = [
  'department.created',
  'department.updated',
  'department.renamed',
  'department.merged',
  'department.split',
  'department.dissolved',
  'person.created',
  'person.identity_changed',
  'binding.granted',
  'binding.started',
  'binding.ended',
  'request.opened',
  'request.approved',
  'request.rejected',
  'request.cancelled',
  'client.created',
  'client.rotated',
  'client.revoked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_SUBJECT_TYPES = [...SUBJECT_TYPES, 'department', 'request'] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

/**
 * One append-only audit entry. `hash` = sha256 over the canonical JSON (sorted keys) of every
 * other field except `seq` and `hash`, `prevHash` included; the first entry's prevHash is 64 zeros.
 * `before`/`after`: the subject's effective permissions (EffectivePermission[]) where they changed.
 */
export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  id: z.uuid(),
  /** Business time of what is recorded. */
  occurredAt: TimestampSchema,
  recordedAt: TimestampSchema,
  /** Who did it; `onBehalfOf` is the client that acted for the person. */
  actor: ActorSchema,
  action: z.enum(AUDIT_ACTIONS),
  subjectType: z.enum(AUDIT_SUBJECT_TYPES).nullable(),
  subjectId: z.string().nullable(),
  reason: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  details: z.unknown().nullable(),
  prevHash: z.string(),
  hash: z.string(),
  /** 1: the hash leaves out `seq` (entries written before it was hashed); 2: it covers `seq`. */
  hashVersion: z.number().int(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** `permissions.audit-log.list` (GET /audit-log), oldest first; the cursor is the last entry id seen. */
export const ListAuditLogSchema = UuidListQuerySchema.extend({
  subjectType: z.enum(AUDIT_SUBJECT_TYPES).optional(),
  subjectId: z.string().min(1).max(100).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
}).strict();
export type ListAuditLog = z.infer<typeof ListAuditLogSchema>;

/** `permissions.audit-log.verify` (GET /audit-log/verify): walks the whole chain in seq order. */
export const VerifyAuditLogSchema = z.object({}).strict();

export const AUDIT_BREAK_REASONS = [
  'hash_mismatch',
  'prev_hash_mismatch',
  'seq_gap',
  'checkpoint_mismatch',
] as const;

export const AuditVerificationSchema = z.object({
  /** The chain is intact and agrees with its latest checkpoint (when one could be read). */
  valid: z.boolean(),
  /** Entries checked (up to and including the first broken one). */
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  firstBrokenId: z.uuid().nullable(),
  /**
   * null when valid; `hash_mismatch`: the entry's content (or seq) no longer matches its hash (it
   * was changed); `prev_hash_mismatch`: it does not follow the entry before it (one was removed,
   * inserted or re-hashed); `seq_gap`: its seq does not follow the entry before it (renumbered);
   * `checkpoint_mismatch`: the chain is consistent but disagrees with the latest checkpoint
   * published outside the database (see `checkpoint`: its newest entries were deleted, or the
   * chain was rewritten and re-hashed).
   */
  reason: z.enum(AUDIT_BREAK_REASONS).nullable(),
  /** Hash of the last entry checked. */
  lastHash: z.string().nullable(),
  /** Seq of the last entry checked. */
  lastSeq: z.number().int().nullable(),
  /** The chain against its latest signed checkpoint in the PERMISSIONS stream. */
  checkpoint: CheckpointComparisonSchema,
});
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;
