import { createHmac, timingSafeEqual } from 'node:crypto';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import {
  ChainCheckpointSchema,
  EventEnvelopeSchema,
  canonicalJson,
  type ChainCheckpoint,
  type CheckpointComparison,
  type EventDefinition,
  type ProducingServiceName,
} from '@gongkai/contracts';
import { streamName } from '../naming';
import { prefixSubject } from '../rpc/prefix';

export interface ChainHead {
  chain: string;
  seq: number;
  hash: string;
}

function signatureOf(key: string, head: ChainHead): string {
  const signed = canonicalJson({ chain: head.chain, seq: head.seq, hash: head.hash });
  return createHmac('sha256', key).update(signed, 'utf8').digest('hex');
}

/** The checkpoint of a chain's head, signed with CHAIN_CHECKPOINT_KEY. */
export function signCheckpoint(key: string, head: ChainHead): ChainCheckpoint {
  return { chain: head.chain, seq: head.seq, hash: head.hash, signature: signatureOf(key, head) };
}

export function checkpointSignatureValid(key: string, checkpoint: ChainCheckpoint): boolean {
  const expected = Buffer.from(signatureOf(key, checkpoint), 'hex');
  const given = Buffer.from(checkpoint.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface PublishedCheckpoint {
  checkpoint: ChainCheckpoint;
  /** The checkpoint event's `occurredAt`. */
  checkpointedAt: string;
}

/**
 * Every checkpoint of a chain, oldest first, read from its service's own stream (an ordered
 * consumer on the checkpoint event's subject, up to the last one stored). Throws when NATS cannot
 * answer.
 */
export async function readCheckpoints(
  connection: { js: JetStreamClient; jsm: JetStreamManager },
  options: { prefix: string; definition: EventDefinition & { service: ProducingServiceName } },
): Promise<PublishedCheckpoint[]> {
  const { prefix, definition } = options;
  const stream = streamName(prefix, definition.service);
  const subject = prefixSubject(prefix, definition.subject);
  const last = await connection.jsm.streams.getMessage(stream, { last_by_subj: subject });
  if (!last) return [];
  // One subject as a string: a list needs nats-server 2.10.
  const consumer = await connection.js.consumers.get(stream, { filter_subjects: subject });
  const checkpoints: PublishedCheckpoint[] = [];
  for (;;) {
    const batch = await consumer.fetch({ max_messages: 1000, expires: 5000 });
    let received = 0;
    for await (const message of batch) {
      received += 1;
      const envelope = EventEnvelopeSchema.parse(message.json());
      checkpoints.push({
        checkpoint: ChainCheckpointSchema.parse(envelope.payload),
        checkpointedAt: envelope.occurredAt,
      });
      if (message.seq >= last.seq) return checkpoints;
    }
    if (received === 0) throw new Error(`The ${definition.type} checkpoints stopped before the last one`);
  }
}

/**
 * Compares a chain as the database holds it now with every checkpoint published for it:
 * `hashAt` gives the stored hash of the entry with that seq (null when there is none). The first
 * checkpoint that does not hold names what happened; when all hold, the latest is reported.
 * Checking every one, not only the latest, also catches the newest entries deleted and the chain
 * appended to again afterwards (the latest checkpoint then matches the new entries).
 */
export async function compareWithCheckpoints(options: {
  key: string;
  readCheckpoints: () => Promise<PublishedCheckpoint[]>;
  hashAt: (seq: number) => string | null | Promise<string | null>;
}): Promise<CheckpointComparison> {
  let checkpoints: PublishedCheckpoint[];
  try {
    checkpoints = await options.readCheckpoints();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { status: 'unavailable', seq: null, hash: null, checkpointedAt: null, detail };
  }
  const latest = checkpoints.at(-1);
  if (!latest) return { status: 'none', seq: null, hash: null, checkpointedAt: null };
  for (const { checkpoint, checkpointedAt } of checkpoints) {
    const seen = { seq: checkpoint.seq, hash: checkpoint.hash, checkpointedAt };
    if (!checkpointSignatureValid(options.key, checkpoint)) return { status: 'signature_invalid', ...seen };
    const stored = await options.hashAt(checkpoint.seq);
    if (stored === null) return { status: 'entries_missing', ...seen };
    if (stored !== checkpoint.hash) return { status: 'hash_differs', ...seen };
  }
  return {
    status: 'matches',
    seq: latest.checkpoint.seq,
    hash: latest.checkpoint.hash,
    checkpointedAt: latest.checkpointedAt,
  };
}
