import { join } from 'node:path';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import {
  CatalogueSubjects,
  DepartmentCreatedV1,
  projectedDepartmentsSubjectOf,
  type CatalogueItem,
  type Page,
  type ProjectedDepartment,
} from '@gongkai/contracts';
import { publishTestEvent, startServiceUnderTest, type ServiceUnderTest } from '@gongkai/service-testing';
import { waitFor } from '@gongkai/testing';
import { AppModule } from '../../src/app/app.module';

export const PRISMA_DIR = join(__dirname, '..', '..', 'prisma');

export function startCatalogue(): Promise<ServiceUnderTest> {
  return startServiceUnderTest({
    service: 'catalogue',
    module: (config) => AppModule.register(config),
    prismaDir: PRISMA_DIR,
  });
}

/** A department as permissions would announce it, waited for in the catalogue's projection. */
export async function createDepartment(
  sut: ServiceUnderTest,
  name: string,
  status: 'active' | 'dissolved' = 'active',
): Promise<string> {
  const departmentId = uuidv7();
  await publishTestEvent(sut.nc, sut.runId, DepartmentCreatedV1, {
    departmentId,
    code: `D${departmentId.slice(-8)}`,
    name,
    type: 'office',
    parentId: null,
    status,
  });
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
