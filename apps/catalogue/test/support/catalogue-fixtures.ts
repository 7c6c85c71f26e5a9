import { join } from 'node:path';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import {
  CatalogueSubjects,
  DepartmentCreatedV1,
  PermissionsSubjects,
  type CheckPermission,
  type Decision,
  projectedDepartmentsSubjectOf,
  type CatalogueItem,
  type Page,
  type ProjectedDepartment,
} from '@gongkai/contracts';
import { serveRpc } from '@gongkai/messaging';
import { publishTestEvent, startServiceUnderTest, type ServiceUnderTest } from '@gongkai/service-testing';
import { waitFor } from '@gongkai/testing';
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
      (
        await sut.client.request<Page<ProjectedDepartment>>(
          projectedDepartmentsSubjectOf('catalogue'),
          { limit: 500 },
          sut.meta,
        )
      ).items.some((department) => department.id === departmentId),
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
  const page = await sut.client.request<Page<CatalogueItem>>(
    CatalogueSubjects.listItems,
    { q: code, limit: 500 },
    sut.meta,
  );
  const item = page.items.find((candidate) => candidate.code === code);
  if (!item) throw new Error(`No item ${code}`);
  return item;
}
