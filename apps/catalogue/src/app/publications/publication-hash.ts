import { createHash } from 'node:crypto';

/**
 * The fields of a published version that its hash covers: everything a reader is shown, who
 * cleared and published it, when, and the previous version's hash (a hash chain per item). Any
 * change to a published row (content, order, dates, or a version removed) breaks the chain from
 * that version on, and GET …/publications/verify reports the first broken version.
 */
export interface HashedVersion {
  itemId: string;
  version: number;
  title: string;
  summary: string;
  body: string;
  documents: unknown;
  attachments: unknown;
  channels: string[];
  publisher: string | null;
  source: string;
  taskId: string | null;
  roundId: string | null;
  informationChangedAt: string | null;
  secrecyReviewer: string | null;
  publishedAt: string;
  previousHash: string | null;
}

/** JSON with object keys sorted at every level (arrays keep their order): one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((element) => canonicalJson(element)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, field]) => field !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
}

export function hashVersion(version: HashedVersion): string {
  return createHash('sha256').update(canonicalJson(version), 'utf8').digest('hex');
}

export interface StoredVersion {
  publicationId: string;
  hashed: HashedVersion;
  contentHash: string | null;
}

export type ChainFailure = 'content_hash_mismatch' | 'previous_hash_mismatch' | 'missing_hash';

export interface ChainCheck {
  publicationId: string;
  version: number;
  ok: boolean;
  failure: ChainFailure | null;
  recomputedHash: string;
}

/**
 * Recomputes each version's hash (oldest first) and checks that it matches what was stored and
 * that its `previousHash` is the stored hash of the version before it.
 */
export function checkChain(versions: readonly StoredVersion[]): ChainCheck[] {
  let previousStoredHash: string | null = null;
  let expectedVersion = 1;
  return versions.map((stored) => {
    const recomputedHash = hashVersion(stored.hashed);
    let failure: ChainFailure | null = null;
    if (stored.contentHash === null) failure = 'missing_hash';
    else if (stored.hashed.previousHash !== previousStoredHash || stored.hashed.version !== expectedVersion) {
      failure = 'previous_hash_mismatch';
    } else if (recomputedHash !== stored.contentHash) failure = 'content_hash_mismatch';
    previousStoredHash = stored.contentHash;
    expectedVersion = stored.hashed.version + 1;
    return {
      publicationId: stored.publicationId,
      version: stored.hashed.version,
      ok: failure === null,
      failure,
      recomputedHash,
    };
  });
}
