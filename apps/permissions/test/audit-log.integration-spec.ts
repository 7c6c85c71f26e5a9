import { ErrorCode, PermissionsRpc, type AuditEntry } from '@gongkai/contracts';
import { withAnyBody } from '@gongkai/service-testing';
import { GENESIS_HASH } from '../src/app/audit/audit-chain';
import { startPermissions, unique, type PermissionsHarness } from './support/permissions-harness';

describe('permissions service: the audit log', () => {
  let harness: PermissionsHarness;

  beforeAll(async () => {
    harness = await startPermissions();
  });
  afterAll(() => harness?.stop());

  const verify = () => harness.call(PermissionsRpc.verifyAuditLog, {});
  const all = async () => (await harness.call(PermissionsRpc.listAuditLog, { limit: 500 })).items;

  it('chains every entry to the one before, from 64 zeros, and verifies', async () => {
    const a = await harness.department(unique('A'));
    const person = await harness.person(a.id);
    await harness.grant(person.id, 'dept_liaison', a.id);
    const entries = await all();
    expect(entries.map((entry) => entry.action)).toEqual([
      'department.created',
      'person.created',
      'binding.granted',
    ]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(entries[2]?.prevHash).toBe(entries[1]?.hash);
    expect(entries.map((entry) => [entry.seq, entry.hashVersion])).toEqual([
      [1, 2],
      [2, 2],
      [3, 2],
    ]);
    // Each command's entries end with a signed checkpoint of the new head, published to the stream.
    const checkpoints = await harness.settledCheckpoints();
    expect(checkpoints.map((event) => event.payload)).toEqual([
      expect.objectContaining({ chain: 'permissions.audit', seq: 1, hash: entries[0]?.hash }),
      expect.objectContaining({ chain: 'permissions.audit', seq: 2, hash: entries[1]?.hash }),
      expect.objectContaining({ chain: 'permissions.audit', seq: 3, hash: entries[2]?.hash }),
    ]);
    expect(await verify()).toEqual({
      valid: true,
      checked: 3,
      firstBrokenSeq: null,
      firstBrokenId: null,
      reason: null,
      lastHash: entries[2]?.hash,
      lastSeq: 3,
      checkpoint: {
        status: 'matches',
        seq: 3,
        hash: entries[2]?.hash,
        checkpointedAt: expect.any(String),
      },
    });
  });

  it('keeps the chain whole under concurrent writers', async () => {
    const a = await harness.department(unique('A'));
    await Promise.all(Array.from({ length: 12 }, () => harness.person(a.id)));
    expect(await verify()).toMatchObject({ valid: true, firstBrokenSeq: null });
  });

  it('pages by entry id and filters by subject', async () => {
    const first = await harness.call(PermissionsRpc.listAuditLog, { limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await harness.call(PermissionsRpc.listAuditLog, {
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.items[0]?.seq).toBeGreaterThan(first.items[1]?.seq ?? Infinity);
    const departments = await harness.call(PermissionsRpc.listAuditLog, {
      subjectType: 'department',
      limit: 500,
    });
    expect(departments.items.every((entry) => entry.action === 'department.created')).toBe(true);
  });

  it('refuses an ordinary UPDATE or DELETE of an entry (append-only trigger)', async () => {
    await expect(harness.db.query(`UPDATE "audit_entry" SET "reason" = 'changed'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(harness.db.query(`DELETE FROM "audit_entry"`)).rejects.toThrow(/append-only/);
    expect(await verify()).toMatchObject({ valid: true });
  });

  async function behindTheTriggersBack(sql: string, values: unknown[] = []): Promise<void> {
    await harness.db.query('ALTER TABLE "audit_entry" DISABLE TRIGGER "audit_entry_no_update_or_delete"');
    try {
      await harness.db.query(sql, values);
    } finally {
      await harness.db.query('ALTER TABLE "audit_entry" ENABLE TRIGGER "audit_entry_no_update_or_delete"');
    }
  }

  it('detects the newest entries deleted, though what remains is a whole chain, and still after more are appended', async () => {
    await harness.department(unique('TAIL'));
    await harness.department(unique('TAIL'));
    await harness.settledEvents();
    const before = await verify();
    expect(before).toMatchObject({ valid: true, checkpoint: { status: 'matches' } });
    const newest = before.lastSeq ?? 0;

    await behindTheTriggersBack('DELETE FROM "audit_entry" WHERE "seq" > $1', [newest - 2]);
    expect(await verify()).toMatchObject({
      valid: false,
      reason: 'checkpoint_mismatch',
      firstBrokenSeq: null,
      lastSeq: newest - 2,
      checkpoint: { status: 'entries_missing', seq: newest - 1 },
    });

    // The service appends again from the cut: the newest checkpoint matches the new entries, an
    // earlier one does not.
    await harness.department(unique('AFTER-CUT'));
    await harness.settledEvents();
    expect(await verify()).toMatchObject({
      valid: false,
      reason: 'checkpoint_mismatch',
      checkpoint: { status: 'hash_differs', seq: newest - 1 },
    });
  });

  it('reports the first broken entry when one row is tampered with behind the trigger’s back', async () => {
    const entries = await all();
    const victim = entries[3] as AuditEntry;
    await harness.db.query('ALTER TABLE "audit_entry" DISABLE TRIGGER "audit_entry_no_update_or_delete"');
    try {
      await harness.db.query(`UPDATE "audit_entry" SET "reason" = 'nothing to see here' WHERE "seq" = $1`, [
        victim.seq,
      ]);
    } finally {
      await harness.db.query('ALTER TABLE "audit_entry" ENABLE TRIGGER "audit_entry_no_update_or_delete"');
    }
    await expect(harness.db.query(`UPDATE "audit_entry" SET "reason" = 'again'`)).rejects.toThrow(
      /append-only/,
    );
    expect(await verify()).toEqual({
      valid: false,
      checked: 4,
      firstBrokenSeq: victim.seq,
      firstBrokenId: victim.id,
      reason: 'hash_mismatch',
      lastHash: null,
      lastSeq: null,
      checkpoint: expect.objectContaining({ status: expect.any(String) }),
    });
    // Appending still works; the break stays reported where it is.
    await harness.department(unique('AFTER'));
    expect(await verify()).toMatchObject({ valid: false, firstBrokenSeq: victim.seq });
  });

  it('refuses unknown filters', async () => {
    await expect(
      harness.call(withAnyBody(PermissionsRpc.listAuditLog), { action: 'everything' }),
    ).rejects.toMatchObject({
      body: { code: ErrorCode.VALIDATION_FAILED },
    });
  });
});
