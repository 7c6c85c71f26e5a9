import type { CheckpointComparison } from '@gongkai/contracts';
import {
  checkpointSignatureValid,
  compareWithCheckpoints,
  signCheckpoint,
  type PublishedCheckpoint,
} from './chain-checkpoint';

const KEY = 'k'.repeat(40);
const HASH = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

function compare(
  published: PublishedCheckpoint[],
  stored: Record<number, string>,
): Promise<CheckpointComparison> {
  return compareWithCheckpoints({
    key: KEY,
    readCheckpoints: async () => published,
    hashAt: (seq) => stored[seq] ?? null,
  });
}

describe('chain checkpoints', () => {
  const checkpoint = signCheckpoint(KEY, { chain: 'permissions.audit', seq: 3, hash: HASH });
  const published = { checkpoint, checkpointedAt: '2026-11-30T10:00:00.000Z' };

  it('signs the head so that another key or another head does not verify', () => {
    expect(checkpointSignatureValid(KEY, checkpoint)).toBe(true);
    expect(checkpointSignatureValid('x'.repeat(40), checkpoint)).toBe(false);
    expect(checkpointSignatureValid(KEY, { ...checkpoint, seq: 2 })).toBe(false);
    expect(checkpointSignatureValid(KEY, { ...checkpoint, hash: OTHER })).toBe(false);
  });

  it('matches while the checkpointed entries are there, newer entries or not', async () => {
    expect(await compare([published], { 3: HASH })).toEqual({
      status: 'matches',
      seq: 3,
      hash: HASH,
      checkpointedAt: published.checkpointedAt,
    });
    expect((await compare([published], { 3: HASH, 4: OTHER })).status).toBe('matches');
  });

  it('names the newest entries deleted, a rewritten history and a forged checkpoint', async () => {
    expect((await compare([published], { 1: OTHER, 2: OTHER })).status).toBe('entries_missing');
    expect((await compare([published], { 3: OTHER })).status).toBe('hash_differs');
    const forged = { ...published, checkpoint: { ...checkpoint, seq: 2 } };
    expect((await compare([forged], { 2: HASH })).status).toBe('signature_invalid');
  });

  it('catches the newest entries deleted and the chain appended to again since', async () => {
    // Checkpointed at 3, entry 3 deleted, a new entry 3 appended and checkpointed.
    const again = {
      checkpoint: signCheckpoint(KEY, { chain: 'permissions.audit', seq: 3, hash: OTHER }),
      checkpointedAt: '2026-11-30T11:00:00.000Z',
    };
    expect(await compare([published, again], { 3: OTHER })).toMatchObject({
      status: 'hash_differs',
      seq: 3,
      hash: HASH,
    });
  });

  it('says when there is nothing to compare with, or the stream cannot be read', async () => {
    expect((await compare([], {})).status).toBe('none');
    const unreadable = await compareWithCheckpoints({
      key: KEY,
      readCheckpoints: () => Promise.reject(new Error('NATS is down')),
      hashAt: () => HASH,
    });
    expect(unreadable).toEqual({
      status: 'unavailable',
      seq: null,
      hash: null,
      checkpointedAt: null,
      detail: 'NATS is down',
    });
  });
});
