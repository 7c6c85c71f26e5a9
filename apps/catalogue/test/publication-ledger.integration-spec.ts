import { CatalogueRpc, type Publication } from '@gongkai/contracts';
import { waitFor } from '@gongkai/testing';
import {
  draftPublication,
  itemByCode,
  publicationStep,
  startCatalogue,
  withSql,
  type CatalogueUnderTest,
} from './support/catalogue-fixtures';

/**
 * The publication ledger chains every state a version takes after it is published, and its head
 * is checkpointed to the CATALOGUE stream. Its own service under test: the last cases break the
 * catalogue-wide ledger on purpose.
 */
describe('catalogue service: the publication ledger and its checkpoints', () => {
  let sut: CatalogueUnderTest;

  const verify = (itemId: string) =>
    sut.client.request(CatalogueRpc.verifyPublications, { itemId }, sut.meta);
  async function publish(itemId: string, title: string): Promise<Publication> {
    const created = await draftPublication(sut, itemId, { title, body: `${title}：正文` });
    await publicationStep(sut, CatalogueRpc.submitPublication, created);
    await publicationStep(sut, CatalogueRpc.secrecyReviewPublication, created, {
      reviewer: '李四（保密审查员）',
    });
    return publicationStep(sut, CatalogueRpc.publishPublication, created);
  }
  /** Every checkpoint is in the stream once the outbox is empty. */
  const relayed = () =>
    waitFor(
      () =>
        withSql(
          sut,
          async (sql) =>
            Number(
              (await sql.query('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL')).rows[0].n,
            ) === 0,
        ),
      { what: 'the outbox relay to publish every event' },
    );
  const behindTheTriggersBack = (sqlText: string, values: unknown[] = []) =>
    withSql(sut, async (sql) => {
      await sql.query(
        'ALTER TABLE publication_chain_entry DISABLE TRIGGER publication_chain_entry_no_update_or_delete',
      );
      try {
        await sql.query(sqlText, values);
      } finally {
        await sql.query(
          'ALTER TABLE publication_chain_entry ENABLE TRIGGER publication_chain_entry_no_update_or_delete',
        );
      }
    });

  beforeAll(async () => {
    sut = await startCatalogue();
  });
  afterAll(() => sut?.stop());

  it('chains published, superseded and withdrawn, and checkpoints the head after each change', async () => {
    const item = await itemByCode(sut, 'MOE-16');
    const v1 = await publish(item.id, '受捐赠财产使用情况');
    const v2 = await publish(item.id, '受捐赠财产使用情况（更正）');
    await publicationStep(sut, CatalogueRpc.withdrawPublication, v2, { reason: '数据有误，核实后重新发布' });
    const changes = await withSql(sut, async (sql) =>
      (
        await sql.query<{ seq: string; publication_id: string; change: string }>(
          'SELECT seq, publication_id, change FROM publication_chain_entry ORDER BY seq',
        )
      ).rows.map((row) => [Number(row.seq), row.publication_id, row.change]),
    );
    expect(changes).toEqual([
      [1, v1.id, 'published'],
      [2, v1.id, 'superseded'],
      [3, v2.id, 'published'],
      [4, v2.id, 'withdrawn'],
    ]);
    await relayed();
    expect(await verify(item.id)).toMatchObject({
      intact: true,
      checked: 2,
      firstBroken: null,
      ledger: {
        intact: true,
        checked: 4,
        lastSeq: 4,
        reason: null,
        checkpoint: { status: 'matches', seq: 4 },
      },
    });
    await expect(
      withSql(sut, (sql) => sql.query(`UPDATE publication_chain_entry SET change = 'sealed'`)),
    ).rejects.toThrow(/append-only/);
  });

  // The reviewer is part of the content hash as well: the content chain names it first.
  it.each([
    [
      'MOE-20',
      'state_mismatch',
      'an undone withdrawal',
      `state = 'published', withdrawn_at = NULL, withdrawn_reason = NULL, withdrawn_by = NULL`,
    ],
    [
      'MOE-21',
      'state_mismatch',
      'the on-time flag',
      'published_on_time = NOT coalesce(published_on_time, false)',
    ],
    [
      'MOE-22',
      'state_mismatch',
      'the publisher',
      `published_by = '{"kind":"person","id":"0190b3a4-7c1e-7c3a-8f00-00000000dead"}'`,
    ],
    ['MOE-23', 'content_hash_mismatch', 'the reviewer', `secrecy_reviewer = '王五'`],
  ])('on %s reports %s when %s is changed in the database', async (code, failure, _what, set) => {
    const item = await itemByCode(sut, code);
    const version = await publish(item.id, '校务公开');
    await publicationStep(sut, CatalogueRpc.withdrawPublication, version, { reason: '更正' });
    expect((await verify(item.id)).intact).toBe(true);

    await withSql(sut, (sql) => sql.query(`UPDATE publication SET ${set} WHERE id = $1`, [version.id]));
    expect(await verify(item.id)).toMatchObject({
      intact: false,
      firstBroken: { publicationId: version.id, failure },
      ledger: { intact: true },
    });
  });

  it('finds the newest ledger entries deleted, and still after more versions are published', async () => {
    const item = await itemByCode(sut, 'MOE-18');
    await publish(item.id, '学生申诉处理办法');
    await publish(item.id, '学生申诉处理办法（修订）');
    await relayed();
    const before = await verify(item.id);
    const newest = before.ledger.lastSeq ?? 0;
    expect(before.ledger).toMatchObject({ intact: true, checkpoint: { status: 'matches', seq: newest } });

    await behindTheTriggersBack('DELETE FROM publication_chain_entry WHERE seq > $1', [newest - 2]);
    expect(await verify(item.id)).toMatchObject({
      intact: false,
      ledger: {
        intact: false,
        reason: 'checkpoint_mismatch',
        lastSeq: null,
        // The checkpoint of the last publishing (superseded + published: two entries) names the head.
        checkpoint: { status: 'entries_missing', seq: newest },
      },
    });

    // Appending again from the cut: the newest checkpoint matches the new entry, the one before
    // still names an entry that is gone.
    const other = await itemByCode(sut, 'MOE-19');
    await publish(other.id, '学位授予工作细则');
    await relayed();
    expect(await verify(other.id)).toMatchObject({
      intact: false,
      ledger: {
        intact: false,
        reason: 'checkpoint_mismatch',
        checkpoint: { status: 'entries_missing', seq: newest },
      },
    });
  });
});
