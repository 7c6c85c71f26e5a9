import { z } from 'zod';

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * The head of a hash chain, as the service that keeps the chain publishes it to its own stream:
 * outside the database it protects, so deleting the newest entries (or rewriting the chain and
 * every hash after the change) no longer matches the latest checkpoint. `signature` is
 * HMAC-SHA-256 under CHAIN_CHECKPOINT_KEY over the canonical JSON of `{ chain, seq, hash }`.
 */
export const ChainCheckpointSchema = z.object({
  /** Which chain: `permissions.audit`, `catalogue.publications`. */
  chain: z.string().min(1),
  /** The sequence number of the chain's last entry. */
  seq: z.number().int().min(1),
  /** That entry's hash. */
  hash: Sha256Hex,
  signature: Sha256Hex,
});
export type ChainCheckpoint = z.infer<typeof ChainCheckpointSchema>;

export const CHECKPOINT_STATUSES = [
  'matches',
  'none',
  'entries_missing',
  'hash_differs',
  'signature_invalid',
  'unavailable',
] as const;

/**
 * How the chain in the database compares with its latest checkpoint:
 * - `matches`: the entry at the checkpoint's seq is there with the checkpoint's hash (newer
 *   entries may follow: a checkpoint is published just after its entries commit);
 * - `none`: no checkpoint has been published yet (an empty chain, or one older than checkpoints);
 * - `entries_missing`: the checkpoint names an entry the database no longer has: the newest
 *   entries were deleted;
 * - `hash_differs`: the entry at the checkpoint's seq has another hash: history was rewritten;
 * - `signature_invalid`: the checkpoint was not signed with this installation's key;
 * - `unavailable`: the stream could not be read (NATS down); nothing was compared.
 */
export const CheckpointComparisonSchema = z.object({
  status: z.enum(CHECKPOINT_STATUSES),
  seq: z.number().int().nullable(),
  hash: z.string().nullable(),
  /** When the checkpoint was published (its event's time). */
  checkpointedAt: z.string().nullable(),
  /** Why nothing could be compared (`unavailable`). */
  detail: z.string().optional(),
});
export type CheckpointComparison = z.infer<typeof CheckpointComparisonSchema>;

/** Statuses that prove tampering; `none` and `unavailable` prove nothing either way. */
export function checkpointBroken(comparison: CheckpointComparison): boolean {
  return ['entries_missing', 'hash_differs', 'signature_invalid'].includes(comparison.status);
}
