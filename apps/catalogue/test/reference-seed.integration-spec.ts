import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogueRpc } from '@gongkai/contracts';
import { loadDataServiceConfig } from '@gongkai/config';
import { startDataService } from '@gongkai/service-kit';
import type { ServiceUnderTest } from '@gongkai/service-testing';
import { TEST_NATS_URL } from '@gongkai/testing';
import { AppModule } from '../src/app/app.module';
import { PRISMA_DIR, startCatalogue, withSql } from './support/catalogue-fixtures';

interface ReferenceList {
  categories: { code: string; name: string; items: { no: number; title: string; uncertain?: boolean }[] }[];
}

const reference = JSON.parse(
  readFileSync(join(__dirname, '..', 'src', 'reference', 'moe-disclosure-list.json'), 'utf8'),
) as ReferenceList;
const referenceItems = reference.categories.flatMap((category) =>
  category.items.map((item) => ({ ...item, categoryCode: category.code })),
);

interface TableState {
  categories: number;
  items: number;
  lastItemUpdate: string;
  lastCategoryUpdate: string;
  outbox: number;
  settings: string;
  loads: number;
}

function tableState(sut: ServiceUnderTest): Promise<TableState> {
  return withSql(sut, async (sql) => {
    const { rows } = await sql.query<TableState>(`
      SELECT (SELECT count(*)::int FROM category) AS categories,
             (SELECT count(*)::int FROM catalogue_item) AS items,
             (SELECT max(updated_at)::text FROM catalogue_item) AS "lastItemUpdate",
             (SELECT max(updated_at)::text FROM category) AS "lastCategoryUpdate",
             (SELECT count(*)::int FROM outbox) AS outbox,
             (SELECT default_time_limit_days || '@' || updated_at::text FROM catalogue_settings) AS settings,
             (SELECT count(*)::int FROM reference_load) AS loads`);
    return rows[0] as TableState;
  });
}

describe('catalogue service: the Ministry list loaded on first start', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await startCatalogue();
  });

  afterAll(() => sut?.stop());

  it('loads every category and item of the reference list on first start', async () => {
    const categories = await sut.client.request(CatalogueRpc.listCategories, {}, sut.meta);
    expect(categories.items.map((category) => [category.code, category.name, category.itemCount])).toEqual(
      reference.categories.map((category) => [category.code, category.name, category.items.length]),
    );
    expect(categories.items).toHaveLength(10);

    const items = await sut.client.request(CatalogueRpc.listItems, { limit: 500 }, sut.meta);
    expect(items.items).toHaveLength(referenceItems.length);
    expect(referenceItems.length).toBeGreaterThanOrEqual(50);
    for (const expected of referenceItems) {
      const item = items.items.find((candidate) => candidate.moeItemNo === String(expected.no));
      expect(item).toMatchObject({
        code: `MOE-${String(expected.no).padStart(2, '0')}`,
        title: expected.title,
        categoryCode: expected.categoryCode,
        scope: 'public',
        status: 'active',
        origin: 'moe',
        uncertain: expected.uncertain === true,
        timeLimitDays: 20,
        ownTimeLimitDays: null,
        leadDepartmentId: null,
      });
    }
  });

  it('flags the items whose wording is uncertain, with the note, so the office can correct them', async () => {
    const flagged = await sut.client.request(
      CatalogueRpc.listItems,
      { uncertain: 'true', limit: 500 },
      sut.meta,
    );
    expect(flagged.items.map((item) => item.moeItemNo).sort()).toEqual(
      referenceItems
        .filter((item) => item.uncertain)
        .map((item) => String(item.no))
        .sort(),
    );
    expect(flagged.items.every((item) => (item.uncertaintyNote ?? '').length > 0)).toBe(true);
  });

  it('announces each loaded item once (evt.catalogue.item.created in the outbox)', async () => {
    const created = await withSql(
      sut,
      async (sql) =>
        (await sql.query(`SELECT count(*)::int AS n FROM outbox WHERE type = 'catalogue.item.created'`))
          .rows[0],
    );
    expect(created).toEqual({ n: referenceItems.length });
  });

  it('announces each category once and the default time limit it started with', async () => {
    const events = await withSql(
      sut,
      async (sql) =>
        (
          await sql.query<{ type: string; aggregateId: string; version: number; payload: unknown }>(
            `SELECT type, envelope->>'aggregateId' AS "aggregateId",
                    (envelope->>'aggregateVersion')::int AS version, envelope->'payload' AS payload
               FROM outbox WHERE type IN ('catalogue.category.created', 'catalogue.settings.changed')
              ORDER BY seq`,
          )
        ).rows,
    );
    expect(events).toEqual([
      {
        type: 'catalogue.settings.changed',
        aggregateId: '1',
        version: 1,
        payload: expect.objectContaining({ defaultTimeLimitDays: 20, previousDefaultTimeLimitDays: null }),
      },
      ...reference.categories.map((category, index) => ({
        type: 'catalogue.category.created',
        aggregateId: category.code,
        version: 1,
        payload: {
          code: category.code,
          name: category.name,
          nameVariants: expect.any(Array),
          origin: 'moe',
          sortOrder: index + 1,
        },
      })),
    ]);
  });

  it('changes nothing on a second start: same rows, same updatedAt, no new events', async () => {
    const before = await tableState(sut);
    // The same database and prefix, booted again the way main.ts boots it.
    const config = loadDataServiceConfig('catalogue', {
      NATS_URL: TEST_NATS_URL,
      NATS_PREFIX: sut.runId,
      CATALOGUE_DATABASE_URL: sut.databaseUrl,
      LOG_LEVEL: 'warn',
    });
    const second = await startDataService({
      service: 'catalogue',
      module: () => AppModule.register(config),
      prismaDir: PRISMA_DIR,
      env: {
        NATS_URL: TEST_NATS_URL,
        NATS_PREFIX: sut.runId,
        CATALOGUE_DATABASE_URL: sut.databaseUrl,
        LOG_LEVEL: 'warn',
      },
    });
    try {
      expect(await tableState(sut)).toEqual(before);
      expect(before).toMatchObject({ categories: 10, items: referenceItems.length, loads: 1 });
    } finally {
      await second.close();
    }
  });
});
