import {
  CatalogueRpc,
  ErrorCode,
  type CatalogueItem,
  type Page,
  type RpcBody,
  type RpcDefinition,
} from '@gongkai/contracts';
import { Clock } from '@gongkai/service-kit';
import { withAnyBody, type ServiceUnderTest } from '@gongkai/service-testing';
import { createDepartment, itemByCode, startCatalogue, withSql } from './support/catalogue-fixtures';

describe('catalogue service: items, search and freshness', () => {
  let sut: ServiceUnderTest;
  let securityOffice: string;
  let financeOffice: string;

  const request = <TDefinition extends RpcDefinition>(definition: TDefinition, body: RpcBody<TDefinition>) =>
    sut.client.request(definition, body, sut.meta);
  const list = (query: Record<string, unknown>) => request(CatalogueRpc.listItems, { limit: 500, ...query });
  const rowCounts = () =>
    withSql(
      sut,
      async (sql) =>
        (
          await sql.query(
            `SELECT (SELECT count(*)::int FROM catalogue_item) AS items,
                  (SELECT count(*)::int FROM responsibility_revision) AS revisions,
                  (SELECT count(*)::int FROM outbox) AS events,
                  (SELECT max(updated_at)::text FROM catalogue_item) AS "lastUpdate"`,
          )
        ).rows[0],
    );

  beforeAll(async () => {
    sut = await startCatalogue();
    securityOffice = await createDepartment(sut, '保卫处');
    financeOffice = await createDepartment(sut, '财务处');
  });

  afterAll(() => sut?.stop());

  describe('Chinese keyword search', () => {
    it('finds items by a two-character word inside a title (no spaces, no tokenizer)', async () => {
      const found = await list({ q: '招生' });
      expect(found.items.map((item) => item.moeItemNo)).toEqual(['7', '8', '10', '11', '14']);
      expect(found.items.every((item) => item.title.includes('招生'))).toBe(true);
      expect((await list({ q: '预算' })).items.map((item) => item.code)).toEqual(['MOE-19']);
      expect((await list({ q: '就业质量' })).items.map((item) => item.code)).toEqual(['MOE-33']);
    });

    it('combines the keyword with the category and treats % and _ literally', async () => {
      expect((await list({ q: '研究生', categoryCode: '02' })).items.map((item) => item.code)).toEqual([
        'MOE-11',
        'MOE-12',
        'MOE-13',
        'MOE-14',
      ]);
      expect((await list({ q: '研究生', categoryCode: '05' })).items).toEqual([]);
      expect((await list({ q: '%' })).items).toEqual([]);
      expect((await list({ q: '_' })).items).toEqual([]);
    });

    it('pages through the catalogue by code', async () => {
      const codes: string[] = [];
      let cursor: string | undefined;
      do {
        const page: Page<CatalogueItem> = await list({ limit: 20, cursor });
        codes.push(...page.items.map((item) => item.code));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(codes).toHaveLength(50);
      expect([...codes].sort()).toEqual(codes);
    });
  });

  describe("the university's own items", () => {
    let own: CatalogueItem;

    it('adds an item with its category, scope, window cycle, channels, column link and responsibility', async () => {
      own = await request(CatalogueRpc.createItem, {
        code: 'BIT-001',
        title: '校园安全管理制度',
        categoryCode: '10',
        description: '校内安全管理规定与应急预案',
        scope: 'campus',
        cycle: { kind: 'annual_window', startMonth: 12, endMonth: 1 },
        timeLimitDays: 10,
        channels: ['disclosure_site', 'wechat'],
        columnUrl: 'https://xxgk.example.edu.cn/qt/aqgl/',
        leadDepartmentId: securityOffice,
      });
      expect(own).toMatchObject({
        code: 'BIT-001',
        moeItemNo: null,
        origin: 'university',
        scope: 'campus',
        timeLimitDays: 10,
        ownTimeLimitDays: 10,
        leadDepartmentId: securityOffice,
        coDepartmentIds: [],
        uncertain: false,
        freshness: { dueReason: 'window', overdue: false },
      });
      expect(own.freshness.nextDueAt).toMatch(/-01-31T15:59:59.999Z$/);
    });

    it('answers the item by id as it was created', async () => {
      expect(await request(CatalogueRpc.getItem, { itemId: own.id })).toEqual(own);
    });

    it('filters by scope, channel and responsible department', async () => {
      expect((await list({ scope: 'campus' })).items.map((item) => item.code)).toEqual(['BIT-001']);
      expect((await list({ channel: 'wechat' })).items.map((item) => item.code)).toEqual(['BIT-001']);
      expect((await list({ departmentId: securityOffice })).items.map((item) => item.code)).toEqual([
        'BIT-001',
      ]);
      expect((await list({ departmentId: financeOffice })).items).toEqual([]);
    });

    it('edits an item and announces what changed', async () => {
      const edited = await request(CatalogueRpc.updateItem, {
        itemId: own.id,
        changes: { title: '校园安全管理制度与应急预案', scope: 'public', timeLimitDays: null },
      });
      expect(edited).toMatchObject({
        title: '校园安全管理制度与应急预案',
        scope: 'public',
        ownTimeLimitDays: null,
      });
      const event = await withSql(
        sut,
        async (sql) =>
          (
            await sql.query(
              `SELECT envelope->'payload'->'changedFields' AS fields FROM outbox
                WHERE type = 'catalogue.item.updated' ORDER BY seq DESC LIMIT 1`,
            )
          ).rows[0],
      );
      expect(event).toEqual({ fields: ['title', 'scope', 'timeLimitDays'] });
    });

    it('lets the office clear the uncertain flag once the wording is checked', async () => {
      const first = await itemByCode(sut, 'MOE-01');
      expect(first.uncertain).toBe(true);
      const checked = await request(CatalogueRpc.updateItem, {
        itemId: first.id,
        changes: { uncertain: false, uncertaintyNote: null },
      });
      expect(checked).toMatchObject({ uncertain: false, uncertaintyNote: null });
    });

    it('refuses a duplicate code', async () => {
      await expect(
        request(CatalogueRpc.createItem, { code: 'BIT-001', title: 'x', categoryCode: '10' }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.CONFLICT, reason: 'ITEM_CODE_TAKEN' } });
    });
  });

  describe('bad input is refused and changes nothing', () => {
    const valid = { code: 'BIT-900', title: '测试事项', categoryCode: '01' };

    it.each([
      ['an unknown category', { categoryCode: '99' }, ['body', 'categoryCode']],
      ['an unknown cycle', { cycle: { kind: 'weekly' } }, ['body', 'cycle', 'kind']],
      [
        'a window month out of range',
        { cycle: { kind: 'annual_window', startMonth: 13, endMonth: 1 } },
        null,
      ],
      [
        'an unknown department',
        { leadDepartmentId: '0190b3a4-7c1e-7c3a-8f00-00000000dead' },
        ['body', 'leadDepartmentId'],
      ],
      ['a javascript: link', { columnUrl: 'javascript:alert(1)' }, ['body', 'columnUrl']],
      ['an ftp: link', { columnUrl: 'ftp://files.example.edu.cn/a' }, ['body', 'columnUrl']],
      ['an unknown channel', { channels: ['tiktok'] }, null],
      ['an unknown field', { colour: 'red' }, null],
    ])('%s → VALIDATION_FAILED', async (_case, change, path) => {
      const before = await rowCounts();
      const error = await request(withAnyBody(CatalogueRpc.createItem), { ...valid, ...change }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ body: { code: ErrorCode.VALIDATION_FAILED } });
      if (path) {
        const issues = (error as { body: { details: { path: unknown[] }[] } }).body.details;
        expect(issues.map((issue) => issue.path)).toContainEqual(path);
      }
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses an unknown category in an edit, leaving the item as it was', async () => {
      const item = await itemByCode(sut, 'MOE-02');
      const before = await rowCounts();
      await expect(
        request(CatalogueRpc.updateItem, {
          itemId: item.id,
          changes: { categoryCode: 'XX', title: '新' },
        }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.VALIDATION_FAILED } });
      expect(await rowCounts()).toEqual(before);
      expect((await itemByCode(sut, 'MOE-02')).title).toBe(item.title);
    });

    it('answers NOT_FOUND for an item that does not exist', async () => {
      await expect(
        request(CatalogueRpc.getItem, { itemId: '0190b3a4-7c1e-7c3a-8f00-00000000beef' }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.NOT_FOUND } });
    });
  });

  describe('time limits and freshness', () => {
    it('takes the default time limit from settings, which the office can change', async () => {
      expect(await request(CatalogueRpc.getSettings, {})).toMatchObject({
        defaultTimeLimitDays: 20,
      });
      await request(CatalogueRpc.updateSettings, { defaultTimeLimitDays: 15, reason: '新规征求意见稿' });
      expect((await itemByCode(sut, 'MOE-03')).timeLimitDays).toBe(15);
      await request(CatalogueRpc.updateSettings, { defaultTimeLimitDays: 20, reason: '恢复' });
      expect((await itemByCode(sut, 'MOE-03')).timeLimitDays).toBe(20);
    });

    it('makes an item due 20 working days after its information changed, counted over 国庆', async () => {
      const budget = await itemByCode(sut, 'MOE-21');
      await request(CatalogueRpc.reviseResponsibility, {
        itemId: budget.id,
        leadDepartmentId: financeOffice,
        reason: '收费信息由财务处负责',
        effectiveDate: '2024-09-01',
      });
      const changed = await request(CatalogueRpc.recordChange, {
        itemId: budget.id,
        changedAt: '2024-09-20T10:00:00+08:00',
      });
      expect(changed.freshness).toMatchObject({
        pendingChangeAt: '2024-09-20T02:00:00.000Z',
        nextDueAt: '2024-10-23T15:59:59.999Z',
        dueReason: 'change_pending',
        overdue: true,
      });
      await expect(
        request(CatalogueRpc.recordChange, { itemId: budget.id, changedAt: '2999-01-01T00:00:00Z' }),
      ).rejects.toMatchObject({
        body: {
          code: ErrorCode.VALIDATION_FAILED,
          details: [{ path: ['body', 'changedAt'], message: expect.stringMatching(/lies in the future/) }],
        },
      });
    });

    it("measures business time against the service's clock, with a minute of skew", async () => {
      const budget = await itemByCode(sut, 'MOE-21');
      // The service's clock stood at 2024-09-20 11:00 Beijing time: a later change of that day is
      // still in its future, however long ago it is for the machine running the test.
      const clock = jest.spyOn(sut.app.get(Clock), 'now').mockReturnValue(new Date('2024-09-20T03:00:00Z'));
      try {
        const skewed = await request(CatalogueRpc.recordChange, {
          itemId: budget.id,
          changedAt: '2024-09-20T11:00:30+08:00',
        });
        // The earlier change still runs the clock.
        expect(skewed.freshness.pendingChangeAt).toBe('2024-09-20T02:00:00.000Z');
        await expect(
          request(CatalogueRpc.recordChange, { itemId: budget.id, changedAt: '2024-09-20T11:02:00+08:00' }),
        ).rejects.toMatchObject({
          body: { code: ErrorCode.VALIDATION_FAILED, details: [{ path: ['body', 'changedAt'] }] },
        });
      } finally {
        clock.mockRestore();
      }
    });

    it('lists the overdue items by lead department', async () => {
      const onTime = await request(CatalogueRpc.listOverdue, {
        asOf: '2024-10-23T12:00:00Z',
      });
      expect(onTime.total).toBe(0);
      const late = await request(CatalogueRpc.listOverdue, {
        asOf: '2024-10-25T12:00:00Z',
      });
      expect(late.departments).toEqual([
        {
          departmentId: financeOffice,
          departmentName: '财务处',
          items: [
            expect.objectContaining({ code: 'MOE-21', dueReason: 'change_pending', workingDaysOverdue: 2 }),
          ],
        },
      ]);
      const mine = await request(CatalogueRpc.listOverdue, {
        asOf: '2024-10-25T12:00:00Z',
        departmentId: securityOffice,
      });
      expect(mine.total).toBe(0);
      // Far ahead, every item never published is overdue too: grouped under "no department yet".
      const later = await request(CatalogueRpc.listOverdue, {
        asOf: new Date(Date.now() + 120 * 86_400_000).toISOString(),
      });
      expect(later.departments.find((group) => group.departmentId === null)?.items.length).toBeGreaterThan(
        40,
      );
      expect(later.departments.find((group) => group.departmentId === financeOffice)?.items).toHaveLength(1);
    });
  });
});
