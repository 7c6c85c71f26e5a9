import { join } from 'node:path';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import {
  CatalogueRpc,
  DepartmentCreatedV1,
  PermissionsSubjects,
  projectedDepartmentsRpcOf,
  type CheckPermission,
  type Decision,
  type CatalogueItem,
  type EventEnvelope,
  type Publication,
  type PublicationSchema,
  type RpcDefinition,
} from '@gongkai/contracts';
import { serveRpc } from '@gongkai/messaging';
import {
  publishTestEvent,
  startServiceUnderTest,
  withAnyBody,
  type ServiceUnderTest,
} from '@gongkai/service-testing';
import { waitFor } from '@gongkai/testing';
import type { z } from 'zod';
import { AppModule } from '../../src/app/app.module';

export const PRISMA_DIR = join(__dirname, '..', '..', 'prisma');

/** The person the tests act as (department-scoped actions are decided for a person id). */
export const TESTER = '0190b3a4-7c1e-7c3a-8f00-0000000007e5';

export const ALLOW: Decision = {
  allow: true,
  reason: 'disclosure_admin grants it',
  bindingId: null,
  validUntil: null,
};

/** A stand-in for permissions.decisions.check: records each check, answers with `decide`. */
export interface PermissionsStandIn {
  checks: CheckPermission[];
  decide: (check: CheckPermission) => Decision;
}

export type CatalogueUnderTest = ServiceUnderTest & { permissions: PermissionsStandIn };

export async function startCatalogue(): Promise<CatalogueUnderTest> {
  const sut = await startServiceUnderTest({
    service: 'catalogue',
    module: (config) => AppModule.register(config),
    prismaDir: PRISMA_DIR,
  });
  sut.meta = { actor: { kind: 'person', id: TESTER }, correlationId: sut.meta.correlationId };
  const permissions: PermissionsStandIn = { checks: [], decide: () => ALLOW };
  serveRpc(sut.nc, { prefix: sut.runId, subject: PermissionsSubjects.checkPermission }, (call) => {
    const check = (call.payload as { body: CheckPermission }).body;
    permissions.checks.push(check);
    return permissions.decide(check);
  });
  await sut.nc.flush();
  return Object.assign(sut, { permissions });
}

/** A department as permissions would announce it, waited for in the catalogue's projection. */
export async function createDepartment(
  sut: ServiceUnderTest,
  name: string,
  status: 'active' | 'dissolved' = 'active',
): Promise<string> {
  const departmentId = uuidv7();
  await publishTestEvent(
    sut.nc,
    sut.runId,
    DepartmentCreatedV1,
    {
      departmentId,
      code: `D${departmentId.slice(-8)}`,
      name,
      type: 'office',
      parentId: null,
      status,
    },
    { versions: 1 },
  );
  await waitFor(
    async () =>
      (await sut.client.request(projectedDepartmentsRpcOf('catalogue'), { limit: 500 }, sut.meta)).items.some(
        (department) => department.id === departmentId,
      ),
    { what: `department ${name} in the catalogue projection` },
  );
  return departmentId;
}

/** Plain SQL on the service's own database, for what a test must see (or do) behind its back. */
export async function withSql<T>(sut: ServiceUnderTest, work: (sql: Client) => Promise<T>): Promise<T> {
  const sql = new Client({ connectionString: sut.databaseUrl });
  await sql.connect();
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

export async function itemByCode(sut: ServiceUnderTest, code: string): Promise<CatalogueItem> {
  const page = await sut.client.request(CatalogueRpc.listItems, { q: code, limit: 500 }, sut.meta);
  const item = page.items.find((candidate) => candidate.code === code);
  if (!item) throw new Error(`No item ${code}`);
  return item;
}

/** An event as the catalogue wrote it to its outbox, with the version it gave the aggregate asked for. */
export interface OutboxEvent {
  type: string;
  /** The asked-for aggregate's version after this event (it may be one of `otherAggregates`). */
  version: number;
  envelope: EventEnvelope<Record<string, unknown>>;
}

/**
 * Outbox rows that changed one aggregate of a kind (`publication`, `item`, `settings`, …), in the
 * order they were written: as its own aggregate or as one of `otherAggregates`.
 */
export async function outboxEventsOf(
  sut: ServiceUnderTest,
  kind: string,
  aggregateId: string,
): Promise<OutboxEvent[]> {
  const rows = await withSql(
    sut,
    async (sql) =>
      (
        await sql.query<{ envelope: EventEnvelope<Record<string, unknown>> }>(
          `SELECT envelope FROM outbox
            WHERE type LIKE $1
              AND (envelope->>'aggregateId' = $2
                   OR envelope->'otherAggregates' @> jsonb_build_array(jsonb_build_object('aggregateId', $2::text)))
            ORDER BY seq`,
          [`catalogue.${kind}.%`, aggregateId],
        )
      ).rows,
  );
  return rows.map(({ envelope }) => ({
    type: envelope.type,
    version:
      envelope.aggregateId === aggregateId
        ? envelope.aggregateVersion
        : (envelope.otherAggregates.find((other) => other.aggregateId === aggregateId)?.aggregateVersion ??
          0),
    envelope,
  }));
}

/** Every row in the catalogue's outbox: a refused command must leave it as it was. */
export function outboxCount(sut: ServiceUnderTest): Promise<number> {
  return withSql(sut, async (sql) =>
    Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM outbox')).rows[0]?.n),
  );
}

export type PublicationStepArgs = [
  definition: RpcDefinition<z.ZodType, typeof PublicationSchema>,
  publication: Publication,
  extra?: Record<string, unknown>,
];

/** A command on a publication (submit, review, publish, withdraw …), with the fields it takes besides the ids. */
export function publicationStep(
  sut: ServiceUnderTest,
  ...[definition, publication, extra = {}]: PublicationStepArgs
): Promise<Publication> {
  const body = { itemId: publication.itemId, publicationId: publication.id, ...extra };
  return sut.client.request(withAnyBody(definition), body, sut.meta);
}

/** An ad-hoc draft for the disclosure site, with `content` as given (valid or not). */
export function draftPublication(
  sut: ServiceUnderTest,
  itemId: string,
  content: Record<string, unknown>,
): Promise<Publication> {
  const body = { itemId, channels: ['disclosure_site'], ...content };
  return sut.client.request(withAnyBody(CatalogueRpc.createPublication), body, sut.meta);
}
