import pg from 'pg';

/** The seed year's volumes (`../shared/reference/seed-annual-report.md`): 1254 complaints, 50 items. */
export const SEED_YEAR = { cases: 1254, items: 50 };

// A deterministic RFC 4122 UUID (version 4 and variant bits set, as the contracts' z.uuid() checks).
const uuidOf = (seed: string) =>
  `overlay(overlay(md5(${seed}) placing '4' from 13) placing '8' from 17)::uuid`;

interface Copy {
  table: string;
  /** SQL expressions for the columns that differ in the copy, by column name; `source.` is the copied row. */
  overrides: Record<string, string>;
  /** FROM … WHERE … giving `source` (the row copied) and whatever the overrides read. */
  from: string;
  values?: unknown[];
}

/** INSERT … SELECT naming every column of the table, the overridden ones replaced. */
async function copySql(client: pg.Client, copy: Copy) {
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema()
     ORDER BY ordinal_position`,
    [copy.table],
  );
  const columns = rows.map((row) => row.column_name);
  const selected = columns.map((column) => copy.overrides[column] ?? `source."${column}"`);
  return `INSERT INTO "${copy.table}" (${columns.map((column) => `"${column}"`).join(', ')})
          SELECT ${selected.join(', ')} ${copy.from}`;
}

async function run(databaseUrl: string, statements: readonly (Copy | { sql: string; values?: unknown[] })[]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const statement of statements)
      await client.query(
        'sql' in statement ? statement.sql : await copySql(client, statement),
        statement.values,
      );
    await client.query('COMMIT');
    // Vacuumed and analysed now, as a database that grew over a year is: left to autovacuum, the
    // first pass over the new rows would run during the rows measured next.
    const tables = [
      ...new Set(statements.flatMap((statement) => ('table' in statement ? [statement.table] : []))),
    ];
    for (const table of tables) await client.query(`VACUUM (ANALYZE) "${table}"`);
  } finally {
    await client.end();
  }
}

/**
 * Grows the catalogue to `scale` × its items: every item the service holds (the Ministry's list,
 * each with its responsibility given through the API) copied with new ids and codes, its
 * responsibility revisions with it; then 45 of every 50 items (as in the seed year) get a current
 * version, a copy of `templatePublicationId` (published through the API, with a page-long body).
 * Rows are copies of what the service wrote, so every column is as the service writes it; no
 * events are emitted (the other services do not need these items).
 */
export async function growCatalogue(
  catalogueDb: string,
  scale: number,
  templatePublicationId: string,
): Promise<number> {
  await run(catalogueDb, [
    {
      sql: `CREATE TEMP TABLE bench_copy AS
            SELECT item.id AS original, copy AS n, ${uuidOf("item.id::text || '-' || copy")} AS id
            FROM catalogue_item item, generate_series(1, $1::int - 1) AS copy`,
      values: [scale],
    },
    {
      table: 'catalogue_item',
      overrides: {
        id: 'bench_copy.id',
        code: "source.code || '-X' || bench_copy.n",
        title: "source.title || '（第' || bench_copy.n || '份）'",
      },
      from: 'FROM catalogue_item source JOIN bench_copy ON bench_copy.original = source.id',
    },
    {
      table: 'responsibility_revision',
      overrides: { id: uuidOf("source.id::text || '-' || bench_copy.n"), item_id: 'bench_copy.id' },
      from: 'FROM responsibility_revision source JOIN bench_copy ON bench_copy.original = source.item_id',
    },
    {
      table: 'publication',
      overrides: { id: uuidOf("'publication-' || item.id::text"), item_id: 'item.id' },
      from: `FROM publication source, catalogue_item item
             WHERE source.id = $1 AND item.id <> source.item_id AND abs(hashtext(item.id::text)) % 50 < 45`,
      values: [templatePublicationId],
    },
  ]);
  return countRows(catalogueDb, 'catalogue_item');
}

async function countRows(databaseUrl: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM ${table}`);
    return Number(rows[0]?.count);
  } finally {
    await client.end();
  }
}

/**
 * Fills the complaints service to `count` cases by copying one case it took through the API:
 * received across a year (newest today), lead departments spread over `departmentIds`, closed
 * as 98.4 % of the seed year's were (open copies would all be overdue and set off the SLA loop).
 * The requester's row is copied with each case, as lists read it (masked). Returns the cases held.
 */
export async function fillCases(
  complaintsDb: string,
  templateCaseId: string,
  departmentIds: readonly string[],
  count: number,
): Promise<number> {
  await run(complaintsDb, [
    {
      sql: `CREATE TEMP TABLE bench_copy AS
            SELECT n, ${uuidOf("'bench-case-' || n")} AS id,
              now() - (n * interval '365 days' / $1::int) AS received_at,
              ($2::uuid[])[1 + n % array_length($2::uuid[], 1)] AS department
            FROM generate_series(1, $1::int) AS n`,
      values: [count - 1, departmentIds],
    },
    {
      table: 'complaint_case',
      overrides: {
        id: 'bench_copy.id',
        tracking_no: "'GKBENCH-' || lpad(bench_copy.n::text, 7, '0')",
        title: "source.title || ' ' || bench_copy.n",
        received_at: 'bench_copy.received_at',
        clock_start_at: 'bench_copy.received_at',
        lead_department_id: 'bench_copy.department',
        status: "'closed'",
        dispatched_at: "bench_copy.received_at + interval '2 hours'",
        accepted_at: "bench_copy.received_at + interval '5 hours'",
        replied_at: "bench_copy.received_at + interval '3 days'",
        closed_at: "bench_copy.received_at + interval '4 days'",
        due_at: "bench_copy.received_at + interval '7 days'",
        created_at: 'bench_copy.received_at',
        updated_at: "bench_copy.received_at + interval '4 days'",
      },
      from: 'FROM complaint_case source, bench_copy WHERE source.id = $1',
      values: [templateCaseId],
    },
    {
      table: 'case_requester',
      overrides: { case_id: 'bench_copy.id' },
      from: 'FROM case_requester source, bench_copy WHERE source.case_id = $1',
      values: [templateCaseId],
    },
  ]);
  return countRows(complaintsDb, 'complaint_case');
}
