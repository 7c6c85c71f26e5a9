import { GENESIS_HASH, hashAuditEntry, verifyAuditChain, type ChainedAuditEntry } from './audit-chain';

function chain(count: number, hashVersionOf: (index: number) => number = () => 2): ChainedAuditEntry[] {
  const entries: ChainedAuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let index = 0; index < count; index += 1) {
    const fields = {
      id: `0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a${(10 + index).toString(16).padStart(2, '0')}`,
      occurredAt: '2024-06-01T00:00:00.000Z',
      recordedAt: '2024-06-01T00:00:01.000Z',
      actor: { kind: 'person', id: 'p-1' },
      action: 'binding.granted',
      subjectType: 'person',
      subjectId: 'p-2',
      reason: `step ${index}`,
      before: [],
      after: [{ role: 'dept_liaison', departmentId: 'd-1' }],
      details: null,
      prevHash,
    };
    const hashVersion = hashVersionOf(index);
    const hash = hashAuditEntry({ ...fields, seq: index + 1 }, hashVersion);
    entries.push({ ...fields, seq: index + 1, hash, hashVersion });
    prevHash = hash;
  }
  return entries;
}

describe('audit hash chain', () => {
  it('starts from 64 zeros and is valid when untouched', () => {
    const entries = chain(5);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(verifyAuditChain(entries)).toEqual({
      valid: true,
      checked: 5,
      firstBrokenSeq: null,
      firstBrokenId: null,
      reason: null,
      lastHash: entries[4]?.hash,
      lastSeq: 5,
    });
    expect(verifyAuditChain([])).toMatchObject({ valid: true, checked: 0, lastHash: null });
  });

  it('does not depend on the order of JSON keys', () => {
    const [entry] = chain(1);
    if (!entry) throw new Error('no entry');
    const reordered = { ...entry, actor: { id: 'p-1', kind: 'person' } };
    expect(hashAuditEntry(reordered)).toBe(entry.hash);
  });

  it('reports the first entry whose content was changed', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, reason: 'rewritten' };
    entries[3] = { ...entries[3]!, after: [] };
    expect(verifyAuditChain(entries)).toMatchObject({
      valid: false,
      checked: 3,
      firstBrokenSeq: 3,
      firstBrokenId: entries[2]?.id,
      reason: 'hash_mismatch',
    });
  });

  it('reports a removed entry at the one that no longer follows', () => {
    const entries = chain(4);
    entries.splice(1, 1);
    expect(verifyAuditChain(entries)).toMatchObject({
      valid: false,
      firstBrokenSeq: 3,
      reason: 'prev_hash_mismatch',
    });
  });

  it('reports an entry re-hashed after a change, because the next one no longer follows', () => {
    const entries = chain(4);
    const forged = { ...entries[1]!, reason: 'forged' };
    entries[1] = { ...forged, hash: hashAuditEntry(forged) };
    expect(verifyAuditChain(entries)).toMatchObject({ firstBrokenSeq: 3, reason: 'prev_hash_mismatch' });
  });

  it('covers the seq: a renumbered entry no longer matches its hash', () => {
    const entries = chain(3);
    entries[2] = { ...entries[2]!, seq: 7 };
    expect(verifyAuditChain(entries)).toMatchObject({
      valid: false,
      firstBrokenSeq: 7,
      reason: 'hash_mismatch',
    });
  });

  it('reports a skipped seq even when the entry was re-hashed for it', () => {
    const entries = chain(3);
    const renumbered = { ...entries[2]!, seq: 5 };
    entries[2] = { ...renumbered, hash: hashAuditEntry(renumbered) };
    expect(verifyAuditChain(entries)).toMatchObject({ valid: false, firstBrokenSeq: 5, reason: 'seq_gap' });
  });

  it('accepts entries written before seq was hashed, but not one passed off as such after them', () => {
    const upgraded = chain(4, (index) => (index < 2 ? 1 : 2));
    expect(verifyAuditChain(upgraded)).toMatchObject({ valid: true, checked: 4, lastSeq: 4 });
    const downgraded = chain(4, (index) => (index === 3 ? 1 : 2));
    expect(verifyAuditChain(downgraded)).toMatchObject({
      valid: false,
      firstBrokenSeq: 4,
      reason: 'hash_mismatch',
    });
  });
});
