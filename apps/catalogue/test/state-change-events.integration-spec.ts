import {
  CatalogueRpc,
  ErrorCode,
  SYSTEM_ACTOR,
  type CatalogueItem,
  type Publication,
  type RpcBody,
  type RpcDefinition,
} from '@gongkai/contracts';
import {
  ALLOW,
  createDepartment,
  draftPublication,
  itemByCode,
  outboxCount,
  outboxEventsOf,
  publicationStep,
  startCatalogue,
  withSql,
  type CatalogueUnderTest,
  type PublicationStepArgs,
} from './support/catalogue-fixtures';

const REVIEWER_NAME = '李四（保密审查员）';
const RETURN_NOTE = '删去考生个人信息（张三）';

/**
 * "Every state change that a report or another service may need is an event" (DESIGN.md): each
 * command writes exactly one outbox row for its change, in its transaction, with the aggregate's
 * next version; a refused command writes none.
 */
describe('catalogue service: every state change is an event', () => {
  let sut: CatalogueUnderTest;
  let admissions: string;
  let finance: string;

  const request = <TDefinition extends RpcDefinition>(definition: TDefinition, body: RpcBody<TDefinition>) =>
    sut.client.request(definition, body, sut.meta);
  const step = (...args: PublicationStepArgs) => publicationStep(sut, ...args);
  const draft = (itemId: string, content: Record<string, unknown>) => draftPublication(sut, itemId, content);
  const lifecycle = async (publicationId: string) =>
    (await outboxEventsOf(sut, 'publication', publicationId)).map((event) => [event.type, event.version]);

  beforeAll(async () => {
    sut = await startCatalogue();
    admissions = await createDepartment(sut, '招生办公室');
    finance = await createDepartment(sut, '财务处');
  });

  afterAll(() => sut?.stop());

  describe("a publication's lifecycle is one aggregate, counted from its draft", () => {
    let rules: CatalogueItem;
    let first: Publication;

    beforeAll(async () => {
      rules = await itemByCode(sut, 'MOE-07');
      await request(CatalogueRpc.reviseResponsibility, {
        itemId: rules.id,
        leadDepartmentId: admissions,
        reason: '招生章程由招生办公室负责',
        effectiveDate: '2024-01-01',
      });
    });

    it('drafted v1 → edited v2 → submitted v3 → returned v4 → edited v5 → submitted v6 → cleared v7 → published v8', async () => {
      const created = await draft(rules.id, {
        title: '2024年本科招生章程',
        informationChangedAt: '2024-05-20T09:00:00+08:00',
      });
      await step(CatalogueRpc.updatePublication, created, {
        changes: { title: '2024年本科招生章程（草案）' },
      });
      await step(CatalogueRpc.submitPublication, created);
      await step(CatalogueRpc.secrecyReviewPublication, created, {
        reviewer: REVIEWER_NAME,
        decision: 'returned',
        note: RETURN_NOTE,
      });
      await step(CatalogueRpc.updatePublication, created, {
        changes: { summary: '已删去个人信息', channels: ['disclosure_site', 'wechat'] },
      });
      await step(CatalogueRpc.submitPublication, created);
      await step(CatalogueRpc.secrecyReviewPublication, created, { reviewer: REVIEWER_NAME });
      first = await step(CatalogueRpc.publishPublication, created);

      expect(await lifecycle(created.id)).toEqual([
        ['catalogue.publication.drafted', 1],
        ['catalogue.publication.edited', 2],
        ['catalogue.publication.submitted', 3],
        ['catalogue.publication.secrecy-reviewed', 4],
        ['catalogue.publication.edited', 5],
        ['catalogue.publication.submitted', 6],
        ['catalogue.publication.secrecy-reviewed', 7],
        ['catalogue.publication.published', 8],
      ]);
      const events = await outboxEventsOf(sut, 'publication', created.id);
      const common = {
        publicationId: created.id,
        itemId: rules.id,
        itemCode: 'MOE-07',
        source: 'ad_hoc',
        leadDepartmentId: admissions,
      };
      expect(events.map((event) => event.envelope.payload)).toEqual([
        {
          ...common,
          state: 'draft',
          title: '2024年本科招生章程',
          channels: ['disclosure_site'],
          informationChangedAt: '2024-05-20T01:00:00.000Z',
        },
        {
          ...common,
          state: 'draft',
          changedFields: ['title'],
          title: '2024年本科招生章程（草案）',
          channels: ['disclosure_site'],
          informationChangedAt: '2024-05-20T01:00:00.000Z',
        },
        { ...common, state: 'in_review', submittedAt: expect.any(String) },
        { ...common, state: 'draft', decision: 'returned', reviewedAt: expect.any(String) },
        {
          ...common,
          state: 'draft',
          changedFields: ['summary', 'channels'],
          title: '2024年本科招生章程（草案）',
          channels: ['disclosure_site', 'wechat'],
          informationChangedAt: '2024-05-20T01:00:00.000Z',
        },
        { ...common, state: 'in_review', submittedAt: expect.any(String) },
        { ...common, state: 'secrecy_reviewed', decision: 'cleared', reviewedAt: expect.any(String) },
        expect.objectContaining({ publicationId: created.id, version: 1, contentHash: first.contentHash }),
      ]);
      for (const { envelope } of events) {
        expect(envelope).toMatchObject({
          source: 'catalogue',
          actor: sut.meta.actor,
          correlationId: sut.meta.correlationId,
          aggregateId: created.id,
          otherAggregates: [],
        });
      }
      const submitted = events[2]?.envelope;
      expect(submitted?.occurredAt).toBe(submitted?.payload['submittedAt']);
      // The named reviewer and the note stay in the catalogue: the actor is in the envelope.
      expect(JSON.stringify(events)).not.toContain('李四');
      expect(JSON.stringify(events)).not.toContain('张三');
    });

    it('the next version supersedes the first: its published event bumps the superseded publication too', async () => {
      const created = await draft(rules.id, { title: '2024年本科招生章程（修订）' });
      await step(CatalogueRpc.submitPublication, created);
      await step(CatalogueRpc.secrecyReviewPublication, created, { reviewer: REVIEWER_NAME });
      const second = await step(CatalogueRpc.publishPublication, created);
      await step(CatalogueRpc.withdrawPublication, second, { reason: '数据有误，核实后重新发布' });

      expect(await lifecycle(second.id)).toEqual([
        ['catalogue.publication.drafted', 1],
        ['catalogue.publication.submitted', 2],
        ['catalogue.publication.secrecy-reviewed', 3],
        ['catalogue.publication.published', 4],
        ['catalogue.publication.withdrawn', 5],
      ]);
      // The first version became superseded: one more version of it, carried by the second's event.
      const firstEvents = await outboxEventsOf(sut, 'publication', first.id);
      expect(firstEvents.map((event) => event.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(firstEvents[8]?.envelope).toMatchObject({
        aggregateId: second.id,
        aggregateVersion: 4,
        otherAggregates: [{ aggregateId: first.id, aggregateVersion: 9 }],
        payload: { version: 2, supersededPublicationId: first.id },
      });
    });
  });

  describe('a recorded change of the information', () => {
    let budget: CatalogueItem;

    beforeAll(async () => {
      budget = await itemByCode(sut, 'MOE-21');
      await request(CatalogueRpc.reviseResponsibility, {
        itemId: budget.id,
        leadDepartmentId: finance,
        reason: '收费信息由财务处负责',
        effectiveDate: '2024-09-01',
      });
    });

    it('is one item.change-recorded dated at the change, with the clock it starts', async () => {
      await request(CatalogueRpc.recordChange, {
        itemId: budget.id,
        changedAt: '2024-09-20T10:00:00+08:00',
        note: '收费标准调整',
      });
      const events = await outboxEventsOf(sut, 'item', budget.id);
      expect(events.map((event) => [event.type, event.version])).toEqual([
        ['catalogue.item.created', 1],
        ['catalogue.item.change-recorded', 2],
      ]);
      expect(events[1]?.envelope).toMatchObject({
        occurredAt: '2024-09-20T02:00:00.000Z',
        actor: sut.meta.actor,
        payload: {
          itemId: budget.id,
          itemCode: 'MOE-21',
          leadDepartmentId: finance,
          changedAt: '2024-09-20T02:00:00.000Z',
          note: '收费标准调整',
          pendingChangeAt: '2024-09-20T02:00:00.000Z',
          timeLimitDays: 20,
          // 20 working days over 国庆, the end of that day in Beijing.
          dueAt: '2024-10-23T15:59:59.999Z',
        },
      });
    });

    it('a later change is recorded too, while the clock keeps running from the earlier one', async () => {
      await request(CatalogueRpc.recordChange, {
        itemId: budget.id,
        changedAt: '2024-10-08T09:00:00+08:00',
      });
      const events = await outboxEventsOf(sut, 'item', budget.id);
      expect(events.map((event) => [event.type, event.version])).toEqual([
        ['catalogue.item.created', 1],
        ['catalogue.item.change-recorded', 2],
        ['catalogue.item.change-recorded', 3],
      ]);
      expect(events[2]?.envelope.payload).toMatchObject({
        changedAt: '2024-10-08T01:00:00.000Z',
        note: null,
        pendingChangeAt: '2024-09-20T02:00:00.000Z',
        dueAt: '2024-10-23T15:59:59.999Z',
      });
    });
  });

  describe('refused commands write no event', () => {
    let target: CatalogueItem;
    let inReview: Publication;
    let published: Publication;
    const reviewer = '0190b3a4-7c1e-7c3a-8f00-0000000000e1';

    beforeAll(async () => {
      target = await itemByCode(sut, 'MOE-19');
      inReview = await draft(target.id, { title: '2024年部门预算' });
      await step(CatalogueRpc.submitPublication, inReview);
      const other = await draft(target.id, { title: '2023年部门决算' });
      await step(CatalogueRpc.submitPublication, other);
      await step(CatalogueRpc.secrecyReviewPublication, other, { reviewer: REVIEWER_NAME });
      published = await step(CatalogueRpc.publishPublication, other);
      await request(CatalogueRpc.updateItem, {
        itemId: (await itemByCode(sut, 'MOE-20')).id,
        changes: { status: 'retired' },
      });
    });

    afterEach(() => {
      sut.permissions.decide = () => ALLOW;
    });

    it.each<[string, () => Promise<unknown>, { code: ErrorCode; reason?: string }]>([
      [
        'submitting a published version',
        () => step(CatalogueRpc.submitPublication, published),
        { code: ErrorCode.PRECONDITION_FAILED, reason: 'PUBLICATION_WRONG_STATE' },
      ],
      [
        'editing a publication under review',
        () => step(CatalogueRpc.updatePublication, inReview, { changes: { title: '改' } }),
        { code: ErrorCode.PRECONDITION_FAILED, reason: 'PUBLICATION_WRONG_STATE' },
      ],
      [
        'publishing before secrecy clearance',
        () => step(CatalogueRpc.publishPublication, inReview),
        { code: ErrorCode.PRECONDITION_FAILED, reason: 'PUBLICATION_WRONG_STATE' },
      ],
      [
        'reviewing a published version',
        () => step(CatalogueRpc.secrecyReviewPublication, published, { reviewer: REVIEWER_NAME }),
        { code: ErrorCode.PRECONDITION_FAILED, reason: 'PUBLICATION_WRONG_STATE' },
      ],
      [
        'drafting for a retired item',
        async () => draft((await itemByCode(sut, 'MOE-20')).id, { title: '决算' }),
        { code: ErrorCode.PRECONDITION_FAILED, reason: 'ITEM_RETIRED' },
      ],
      [
        'recording a change in the future',
        () => request(CatalogueRpc.recordChange, { itemId: target.id, changedAt: '2999-01-01T00:00:00Z' }),
        { code: ErrorCode.VALIDATION_FAILED, reason: 'OCCURRED_AT_IN_FUTURE' },
      ],
      [
        'recording a change of an unknown item',
        () =>
          request(CatalogueRpc.recordChange, {
            itemId: '0190b3a4-7c1e-7c3a-8f00-00000000beef',
            changedAt: '2024-01-01T00:00:00Z',
          }),
        { code: ErrorCode.NOT_FOUND, reason: 'ITEM_NOT_FOUND' },
      ],
      [
        'a default time limit of 0 days',
        () => request(CatalogueRpc.updateSettings, { defaultTimeLimitDays: 0, reason: '无' }),
        { code: ErrorCode.VALIDATION_FAILED },
      ],
    ])('%s', async (_case, command, refusal) => {
      const before = await outboxCount(sut);
      await expect(command()).rejects.toMatchObject({ body: refusal });
      expect(await outboxCount(sut)).toBe(before);
    });

    it('a secrecy review that permissions denies', async () => {
      sut.permissions.decide = (check) =>
        check.subject.id === reviewer
          ? { allow: false, reason: 'No role binding grants it', bindingId: null, validUntil: null }
          : ALLOW;
      const before = await outboxCount(sut);
      await expect(
        sut.client.request(
          CatalogueRpc.secrecyReviewPublication,
          { itemId: target.id, publicationId: inReview.id, reviewer: '赵六' },
          { ...sut.meta, actor: { kind: 'person', id: reviewer } },
        ),
      ).rejects.toMatchObject({ body: { code: ErrorCode.FORBIDDEN } });
      expect(await outboxCount(sut)).toBe(before);
      expect(await lifecycle(inReview.id)).toEqual([
        ['catalogue.publication.drafted', 1],
        ['catalogue.publication.submitted', 2],
      ]);
    });

    it('an edit that changes nothing writes nothing', async () => {
      const fresh = await draft(target.id, { title: '预算说明', channels: ['disclosure_site'] });
      const before = await outboxCount(sut);
      const unchanged = await step(CatalogueRpc.updatePublication, fresh, {
        changes: { title: '预算说明', channels: ['disclosure_site'] },
      });
      expect(unchanged.updatedAt).toBe(fresh.updatedAt);
      expect(await outboxCount(sut)).toBe(before);
    });
  });

  describe('the catalogue settings are one aggregate', () => {
    const settingsEvents = async () =>
      (await outboxEventsOf(sut, 'settings', '1')).map((event) => ({
        version: event.version,
        actor: event.envelope.actor,
        payload: event.envelope.payload,
      }));

    it('set on first start (v1), then each change by the office with its reason', async () => {
      await request(CatalogueRpc.updateSettings, { defaultTimeLimitDays: 15, reason: '新规征求意见稿' });
      await request(CatalogueRpc.updateSettings, { defaultTimeLimitDays: 20, reason: '恢复' });
      expect(await settingsEvents()).toEqual([
        {
          version: 1,
          actor: SYSTEM_ACTOR,
          payload: {
            settingsId: '1',
            defaultTimeLimitDays: 20,
            previousDefaultTimeLimitDays: null,
            reason: expect.any(String),
          },
        },
        {
          version: 2,
          actor: sut.meta.actor,
          payload: {
            settingsId: '1',
            defaultTimeLimitDays: 15,
            previousDefaultTimeLimitDays: 20,
            reason: '新规征求意见稿',
          },
        },
        {
          version: 3,
          actor: sut.meta.actor,
          payload: {
            settingsId: '1',
            defaultTimeLimitDays: 20,
            previousDefaultTimeLimitDays: 15,
            reason: '恢复',
          },
        },
      ]);
      expect(
        await withSql(
          sut,
          async (sql) =>
            (
              await sql.query(
                `SELECT count(*)::int AS n FROM outbox WHERE type = 'catalogue.settings.changed'`,
              )
            ).rows[0],
        ),
      ).toEqual({ n: 3 });
    });
  });
});
