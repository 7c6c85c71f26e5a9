import { jetstreamManager } from '@nats-io/jetstream';
import { v7 as uuidv7 } from 'uuid';
import {
  CatalogueRpc,
  ErrorCode,
  RoundsTaskApprovedV1,
  type ApprovedContent,
  type EventEnvelope,
  type EventPayload,
  type Publication,
  type RpcBody,
  type RpcDefinition,
} from '@gongkai/contracts';
import { streamName } from '@gongkai/messaging';
import { publishTestEvent, withAnyBody } from '@gongkai/service-testing';
import { waitFor } from '@gongkai/testing';
import {
  ALLOW,
  createDepartment,
  draftPublication,
  itemByCode,
  publicationStep,
  startCatalogue,
  withSql,
  type CatalogueUnderTest,
  type PublicationStepArgs,
} from './support/catalogue-fixtures';

const SHA = 'a'.repeat(64);

describe('catalogue service: publications', () => {
  let sut: CatalogueUnderTest;
  let admissions: string;

  const request = <TDefinition extends RpcDefinition>(definition: TDefinition, body: RpcBody<TDefinition>) =>
    sut.client.request(definition, body, sut.meta);
  const item = (code: string) => itemByCode(sut, code);
  const step = (...args: PublicationStepArgs) => publicationStep(sut, ...args);

  const draft = (itemId: string, content: Record<string, unknown>) => draftPublication(sut, itemId, content);

  /** Draft → review → cleared by a named reviewer → published. */
  async function publish(
    itemId: string,
    content: Record<string, unknown>,
    options: { occurredAt?: string } = {},
  ): Promise<Publication> {
    const created = await draft(itemId, content);
    await step(CatalogueRpc.submitPublication, created);
    await step(CatalogueRpc.secrecyReviewPublication, created, { reviewer: '李四（保密审查员）' });
    return step(CatalogueRpc.publishPublication, created, options);
  }

  const verify = (itemId: string) => request(CatalogueRpc.verifyPublications, { itemId });
  const publicationCount = () =>
    withSql(sut, async (sql) => Number((await sql.query('SELECT count(*) AS n FROM publication')).rows[0].n));

  beforeAll(async () => {
    sut = await startCatalogue();
    admissions = await createDepartment(sut, '招生办公室');
  });

  afterAll(() => sut?.stop());

  describe('an ad-hoc publication through its states', () => {
    let first: Publication;
    let second: Publication;

    it('goes draft → in_review → secrecy_reviewed → published, hashed as version 1', async () => {
      const admissionsRules = await item('MOE-07');
      const created = await draft(admissionsRules.id, {
        title: '2024年本科招生章程',
        summary: '本科招生章程及分省招生计划',
        body: '第一章 总则\n第二章 招生计划\n第三章 录取规则',
        documents: [{ title: '招生章程（PDF）', url: 'https://zsb.example.edu.cn/2024/zhangcheng.pdf' }],
        attachments: [{ name: '分省计划.xlsx', size: 18_432, sha256: SHA }],
        publisher: '招生办公室',
      });
      expect(created).toMatchObject({ state: 'draft', version: null, source: 'ad_hoc', contentHash: null });
      await expect(step(CatalogueRpc.publishPublication, created)).rejects.toMatchObject({
        body: { code: ErrorCode.PRECONDITION_FAILED, reason: 'PUBLICATION_WRONG_STATE' },
      });
      expect(await step(CatalogueRpc.submitPublication, created)).toMatchObject({ state: 'in_review' });
      const reviewed = await step(CatalogueRpc.secrecyReviewPublication, created, { reviewer: '李四' });
      expect(reviewed).toMatchObject({
        state: 'secrecy_reviewed',
        secrecyReview: { reviewer: '李四', decision: 'cleared', reviewedBy: sut.meta.actor },
      });
      first = await step(CatalogueRpc.publishPublication, created);
      expect(first).toMatchObject({
        state: 'published',
        version: 1,
        previousHash: null,
        publishedBy: sut.meta.actor,
      });
      expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect((await item('MOE-07')).currentVersion).toMatchObject({ publicationId: first.id, version: 1 });
    });

    it('a reviewer can return it to draft; the next version supersedes the first and chains to it', async () => {
      const created = await draft(first.itemId, {
        title: '2024年本科招生章程（修订）',
        body: '第一章 总则\n第二章 招生计划（调整）\n第三章 录取规则\n第四章 附则',
        publisher: '招生办公室',
      });
      await step(CatalogueRpc.submitPublication, created);
      const returned = await step(CatalogueRpc.secrecyReviewPublication, created, {
        reviewer: '李四',
        decision: 'returned',
        note: '删去考生个人信息',
      });
      expect(returned).toMatchObject({
        state: 'draft',
        secrecyReview: { decision: 'returned', note: '删去考生个人信息' },
      });
      await step(CatalogueRpc.updatePublication, created, { changes: { summary: '已删去个人信息' } });
      await step(CatalogueRpc.submitPublication, created);
      await step(CatalogueRpc.secrecyReviewPublication, created, { reviewer: '李四' });
      second = await step(CatalogueRpc.publishPublication, created);
      expect(second).toMatchObject({ version: 2, previousHash: first.contentHash, state: 'published' });
      const versions = await request(CatalogueRpc.listPublications, {
        itemId: first.itemId,
      });
      expect(versions.items.map((publication) => [publication.version, publication.state])).toEqual([
        [2, 'published'],
        [1, 'superseded'],
      ]);
      await expect(
        step(CatalogueRpc.updatePublication, second, { changes: { title: '改' } }),
      ).rejects.toMatchObject({
        body: { code: ErrorCode.PRECONDITION_FAILED, reason: 'PUBLICATION_WRONG_STATE' },
      });
    });

    it('shows the diff against the previous version', async () => {
      const diff = await request(CatalogueRpc.diffPublication, {
        itemId: second.itemId,
        publicationId: second.id,
      });
      expect(diff.against).toEqual({ publicationId: first.id, version: 1 });
      expect(diff.changes.map((change) => change.field).sort()).toEqual([
        'attachments',
        'documents',
        'summary',
        'title',
      ]);
      expect(diff.bodyDiff).toEqual([
        { op: 'equal', text: '第一章 总则' },
        { op: 'remove', text: '第二章 招生计划' },
        { op: 'add', text: '第二章 招生计划（调整）' },
        { op: 'equal', text: '第三章 录取规则' },
        { op: 'add', text: '第四章 附则' },
      ]);
    });

    it('verifies the intact chain', async () => {
      expect(await verify(first.itemId)).toMatchObject({ intact: true, checked: 2, firstBroken: null });
    });
  });

  it('reports a published row edited directly in the database', async () => {
    const item08 = await item('MOE-08');
    const v1 = await publish(item08.id, { title: '特殊类型招生入选名单', body: '名单：张三、李四' });
    await publish(item08.id, { title: '特殊类型招生入选名单（第二批）', body: '名单：王五' });
    expect((await verify(item08.id)).intact).toBe(true);

    await withSql(sut, (sql) =>
      sql.query(`UPDATE publication SET body = '名单：张三、李四、赵六' WHERE id = $1`, [v1.id]),
    );
    const report = await verify(item08.id);
    expect(report).toMatchObject({
      intact: false,
      checked: 2,
      firstBroken: {
        publicationId: v1.id,
        version: 1,
        failure: 'content_hash_mismatch',
        storedHash: v1.contentHash,
      },
    });
    expect(report.versions.map((version) => version.ok)).toEqual([false, true]);

    // Recomputing the edited row's hash does not hide it: the ledger recorded the hash it was
    // published with, and the next version no longer links to it.
    const forged = report.firstBroken?.recomputedHash;
    await withSql(sut, (sql) =>
      sql.query(`UPDATE publication SET content_hash = $2 WHERE id = $1`, [v1.id, forged]),
    );
    const afterForging = await verify(item08.id);
    expect(afterForging.firstBroken).toMatchObject({ version: 1, failure: 'state_mismatch' });
    expect(afterForging.versions.map((version) => version.ok)).toEqual([false, false]);
  });

  it('records whether each version went out within the time limit of the information changing', async () => {
    const finance = await item('MOE-15');
    const onTime = await publish(
      finance.id,
      { title: '财务管理制度', informationChangedAt: '2024-09-20T10:00:00+08:00' },
      { occurredAt: '2024-10-23T09:00:00+08:00' },
    );
    expect(onTime).toMatchObject({
      dueAt: '2024-10-23T15:59:59.999Z',
      publishedOnTime: true,
      publishedAt: '2024-10-23T01:00:00.000Z',
    });
    await request(CatalogueRpc.recordChange, {
      itemId: finance.id,
      changedAt: '2024-11-01T09:00:00+08:00',
    });
    const late = await publish(
      finance.id,
      { title: '财务管理制度（修订）' },
      { occurredAt: '2024-12-20T09:00:00+08:00' },
    );
    expect(late).toMatchObject({
      informationChangedAt: '2024-11-01T01:00:00.000Z',
      dueAt: '2024-11-29T15:59:59.999Z',
      publishedOnTime: false,
    });
    expect((await item('MOE-15')).freshness).toMatchObject({ pendingChangeAt: null, nextDueAt: null });
    // A later version cannot be dated before the one it follows.
    const created = await draft(finance.id, { title: '倒签' });
    await step(CatalogueRpc.submitPublication, created);
    await step(CatalogueRpc.secrecyReviewPublication, created, { reviewer: '李四' });
    await expect(
      step(CatalogueRpc.publishPublication, created, { occurredAt: '2024-12-01T00:00:00+08:00' }),
    ).rejects.toMatchObject({
      body: { code: ErrorCode.PRECONDITION_FAILED, reason: 'PUBLICATION_OUT_OF_ORDER' },
    });
  });

  it('runs the time limit from the recorded change when the content declares a later one', async () => {
    const rules = await item('MOE-24');
    await request(CatalogueRpc.recordChange, { itemId: rules.id, changedAt: '2024-11-01T09:00:00+08:00' });
    // Published 7 weeks after the recorded change: declaring the change a month later would make it on time.
    const published = await publish(
      rules.id,
      { title: '学籍管理规定（修订）', informationChangedAt: '2024-12-10T09:00:00+08:00' },
      { occurredAt: '2024-12-20T09:00:00+08:00' },
    );
    expect(published).toMatchObject({
      informationChangedAt: '2024-11-01T01:00:00.000Z',
      dueAt: '2024-11-29T15:59:59.999Z',
      publishedOnTime: false,
    });
  });

  it('pages publications with long bodies by what one bus message carries', async () => {
    const regulations = await item('MOE-25');
    // 199,000 varied Chinese characters are about 600,000 bytes of UTF-8, and gzip saves only a
    // fraction of that: two such bodies do not fit one bus message even compressed.
    let seed = 20241201;
    const hanzi = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return String.fromCodePoint(0x4e00 + (seed % 0x5000));
    };
    const bodies = ['一', '二', '三'].map(
      (mark) => `第${mark}版\n${Array.from({ length: 199_000 }, hanzi).join('')}`,
    );
    const created: Publication[] = [];
    for (const [index, body] of bodies.entries())
      created.push(await draft(regulations.id, { title: `长篇制度 ${index + 1}`, body }));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await request(CatalogueRpc.listPublications, {
        itemId: regulations.id,
        limit: 50,
        ...(cursor ? { cursor } : {}),
      });
      pages += 1;
      seen.push(...page.items.map((publication) => publication.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages < 10);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(expect.arrayContaining(created.map((publication) => publication.id)));
  });

  it('withdraws the current version: the item has none, the chain stays intact', async () => {
    const gifts = await item('MOE-16');
    const published = await publish(gifts.id, { title: '受捐赠财产使用情况' });
    const withdrawn = await step(CatalogueRpc.withdrawPublication, published, {
      reason: '数据有误，核实后重新发布',
    });
    expect(withdrawn).toMatchObject({ state: 'withdrawn', withdrawnReason: '数据有误，核实后重新发布' });
    expect((await item('MOE-16')).currentVersion).toBeNull();
    expect(await verify(gifts.id)).toMatchObject({ intact: true, checked: 1 });
  });

  it('refuses bad content and changes nothing', async () => {
    const target = await item('MOE-17');
    const before = await publicationCount();
    for (const content of [
      { title: '链接', documents: [{ title: '文件', url: 'javascript:alert(1)' }] },
      { title: '链接', documents: [{ title: '文件', url: 'file:///etc/passwd' }] },
      { title: '附件', attachments: [{ name: 'a.pdf', size: 1, sha256: 'not-a-hash' }] },
      { title: '正文', body: '字'.repeat(200_001) },
      { title: '渠道', channels: ['tiktok'] },
    ]) {
      await expect(draft(target.id, content)).rejects.toMatchObject({
        body: { code: ErrorCode.VALIDATION_FAILED },
      });
    }
    expect(await publicationCount()).toBe(before);
  });

  describe('public catalogue', () => {
    it('shows only public active items, each with its current version, never a campus-only item', async () => {
      const campus = await request(CatalogueRpc.createItem, {
        code: 'BIT-CAMPUS',
        title: '校内招生工作人员名单',
        categoryCode: '02',
        scope: 'campus',
      });
      const campusVersion = await publish(campus.id, {
        title: '校内招生工作人员名单（校内）',
        body: '仅限校内',
      });
      const retired = await item('MOE-14');
      await request(CatalogueRpc.updateItem, { itemId: retired.id, changes: { status: 'retired' } });

      const catalogue = await request(CatalogueRpc.publicCatalogue, {});
      const listed = catalogue.categories.flatMap((category) => category.items);
      expect(catalogue.categories).toHaveLength(10);
      expect(listed.map((entry) => entry.code)).not.toContain('BIT-CAMPUS');
      expect(listed.map((entry) => entry.code)).not.toContain('MOE-14');
      expect(JSON.stringify(catalogue)).not.toContain(campusVersion.contentHash as string);
      const rules = listed.find((entry) => entry.code === 'MOE-07');
      expect(rules?.current).toMatchObject({ version: 2, title: '2024年本科招生章程（修订）' });
      expect(rules?.current).not.toHaveProperty('body');
      expect(listed.find((entry) => entry.code === 'MOE-16')?.current).toBeNull();

      const detail = await request(withAnyBody(CatalogueRpc.publicItem), { itemId: rules?.id });
      expect(detail.current?.body).toContain('第四章 附则');
      await expect(request(CatalogueRpc.publicItem, { itemId: campus.id })).rejects.toMatchObject({
        body: { code: ErrorCode.NOT_FOUND },
      });
      const searched = await request(CatalogueRpc.publicCatalogue, { q: '招生' });
      expect(searched.categories.flatMap((category) => category.items).map((entry) => entry.code)).toEqual([
        'MOE-07',
        'MOE-08',
        'MOE-10',
        'MOE-11',
      ]);
    });
  });

  describe('update rounds: evt.rounds.task.approved', () => {
    const durable = () => `catalogue-rounds-task-approved`;

    async function settled(): Promise<void> {
      const jsm = await jetstreamManager(sut.nc);
      await waitFor(
        async () => {
          const info = await jsm.consumers.info(streamName(sut.runId, 'rounds'), durable());
          return info.num_pending === 0 && info.num_ack_pending === 0;
        },
        { what: 'the task-approved consumer to settle' },
      );
    }

    it('publishes the approved content as a new version, exactly once even on redelivery', async () => {
      const scores = await item('MOE-09');
      const taskId = uuidv7();
      const content: ApprovedContent = {
        title: '2024年分批次分科类录取人数和录取最低分',
        summary: '各省录取分数线',
        body: '北京：650\n上海：640',
        documents: [{ title: '录取分数线', url: 'https://zsb.example.edu.cn/2024/fsx.html' }],
        attachments: [],
        channels: ['disclosure_site', 'wechat'],
      };
      const approval: EventPayload<typeof RoundsTaskApprovedV1> = {
        taskId,
        roundId: uuidv7(),
        itemId: scores.id,
        departmentId: admissions,
        content,
        noChange: false,
        noChangeReason: null,
        secrecyReviewer: '王五',
        approvedBy: uuidv7(),
        approvedAt: new Date(Date.now() - 60_000).toISOString(),
        informationChangedAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
      };
      const envelope = await publishTestEvent(sut.nc, sut.runId, RoundsTaskApprovedV1, approval, {
        versions: 1,
      });
      const published = await waitFor(
        async () => (await request(CatalogueRpc.listPublications, { itemId: scores.id })).items[0],
        { what: 'the publication of the approved task' },
      );
      expect(published).toMatchObject({
        state: 'published',
        version: 1,
        source: 'round_task',
        taskId,
        roundId: approval.roundId,
        title: content.title,
        channels: ['disclosure_site', 'wechat'],
        publisher: '招生办公室',
        publishedOnTime: true,
        secrecyReview: { reviewer: '王五', decision: 'cleared' },
      });

      // The same event again (past JetStream de-duplication), and the same approval as a new event.
      await publishTestEvent(sut.nc, sut.runId, RoundsTaskApprovedV1, envelope, {
        bypassDeduplication: true,
      });
      const resent = { ...envelope, id: uuidv7() };
      await publishTestEvent(sut.nc, sut.runId, RoundsTaskApprovedV1, resent);
      await settled();

      const publications = await request(CatalogueRpc.listPublications, {
        itemId: scores.id,
      });
      expect(publications.items).toHaveLength(1);
      const events = await withSql(sut, async (sql) =>
        (
          await sql.query(
            `SELECT envelope FROM outbox WHERE type = 'catalogue.publication.published'
               AND envelope->'payload'->>'taskId' = $1`,
            [taskId],
          )
        ).rows.map((row: { envelope: EventEnvelope<Record<string, unknown>> }) => row.envelope),
      );
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        causationId: envelope.id,
        correlationId: envelope.correlationId,
        payload: { itemCode: 'MOE-09', version: 1, source: 'round_task', contentHash: published.contentHash },
      });
      expect(await verify(scores.id)).toMatchObject({ intact: true, checked: 1 });
    });

    it('records a "no change" approval as a confirmation, not a new version', async () => {
      const employment = await item('MOE-31');
      const taskId = uuidv7();
      await publishTestEvent(
        sut.nc,
        sut.runId,
        RoundsTaskApprovedV1,
        {
          taskId,
          roundId: uuidv7(),
          itemId: employment.id,
          departmentId: admissions,
          content: null,
          noChange: true,
          noChangeReason: '本学期政策无变化',
          approvedBy: uuidv7(),
          approvedAt: new Date().toISOString(),
          informationChangedAt: null,
        },
        { versions: 1 },
      );
      const confirmed = await waitFor(async () => (await item('MOE-31')).freshness.lastConfirmedAt, {
        what: 'the confirmation',
      });
      expect(confirmed).toBeTruthy();
      expect((await item('MOE-31')).freshness).toMatchObject({ nextDueAt: null, overdue: false });
      expect((await request(CatalogueRpc.listPublications, { itemId: employment.id })).items).toEqual([]);
      const confirmations = await withSql(
        sut,
        async (sql) =>
          (await sql.query(`SELECT count(*)::int AS n FROM outbox WHERE type = 'catalogue.item.confirmed'`))
            .rows[0],
      );
      expect(confirmations).toEqual({ n: 1 });
    });
  });

  it('searches publications by Chinese keyword and channel', async () => {
    const byKeyword = await request(CatalogueRpc.searchPublications, { q: '分数' });
    expect(byKeyword.items.map((publication) => publication.title)).toEqual([
      '2024年分批次分科类录取人数和录取最低分',
    ]);
    const byChannel = await request(CatalogueRpc.searchPublications, {
      channel: 'wechat',
    });
    expect(byChannel.items).toHaveLength(1);
    const byDepartment = await request(CatalogueRpc.searchPublications, {
      departmentId: admissions,
    });
    expect(byDepartment.items).toEqual([]);
  });

  describe('department-scoped decisions', () => {
    const reviewer = '0190b3a4-7c1e-7c3a-8f00-0000000000e1';

    afterEach(() => {
      sut.permissions.decide = () => ALLOW;
    });

    it("asks permissions for the item's lead department, and refuses what it denies, changing nothing", async () => {
      const budget = await item('MOE-19');
      const finance = await createDepartment(sut, '财务处');
      await request(CatalogueRpc.reviseResponsibility, {
        itemId: budget.id,
        leadDepartmentId: finance,
        reason: '预算信息由财务处负责',
        effectiveDate: '2024-01-01',
      });
      const created = await draft(budget.id, { title: '2024年部门预算' });
      await step(CatalogueRpc.submitPublication, created);
      sut.permissions.checks.length = 0;
      sut.permissions.decide = (check) =>
        check.subject.id === reviewer
          ? { allow: false, reason: 'No role binding grants it in 财务处', bindingId: null, validUntil: null }
          : ALLOW;
      const asReviewer = { ...sut.meta, actor: { kind: 'person' as const, id: reviewer } };
      await expect(
        sut.client.request(
          CatalogueRpc.secrecyReviewPublication,
          { itemId: budget.id, publicationId: created.id, reviewer: '赵六' },
          asReviewer,
        ),
      ).rejects.toMatchObject({
        body: {
          code: ErrorCode.FORBIDDEN,
          reason: 'PERMISSION_DENIED',
          details: { action: 'catalogue.publication.secrecy_review', departmentId: finance },
        },
      });
      expect(sut.permissions.checks).toEqual([
        {
          subject: { type: 'person', id: reviewer },
          action: 'catalogue.publication.secrecy_review',
          departmentId: finance,
        },
      ]);
      const unchanged = await request(CatalogueRpc.getPublication, {
        itemId: budget.id,
        publicationId: created.id,
      });
      expect(unchanged).toMatchObject({ state: 'in_review', secrecyReview: null });
    });

    it('lets the bootstrap administrator through without asking', async () => {
      const budget = await item('MOE-20');
      sut.permissions.checks.length = 0;
      sut.permissions.decide = () => ({ allow: false, reason: 'nobody', bindingId: null, validUntil: null });
      const created = await sut.client.request(
        CatalogueRpc.createPublication,
        { itemId: budget.id, title: '决算', channels: ['disclosure_site'] },
        { ...sut.meta, actor: { kind: 'client', id: 'bootstrap-admin' } },
      );
      expect(created.state).toBe('draft');
      expect(sut.permissions.checks).toEqual([]);
    });
  });
});
