import { Controller, Inject, type Type } from '@nestjs/common';
import {
  projectedDepartmentsRpcOf,
  type DepartmentProjectingService,
  type Page,
  type ProjectedDepartment,
} from '@gongkai/contracts';
import { RpcHandler, type RpcRequest, type TransactionalSqlClient } from '@gongkai/messaging';
import { DEPARTMENT_PROJECTION_DB } from './department-projection.tokens';

interface ProjectionRow {
  id: string;
  code: string;
  name: string;
  type: string;
  parent_id: string | null;
  status: string;
  updated_at: Date;
  version: number;
}

/** Answers `<service>.departments.list` from the service's own projection. */
export function createProjectedDepartmentsController(service: DepartmentProjectingService): Type<unknown> {
  const rpc = projectedDepartmentsRpcOf(service);

  @Controller()
  class ProjectedDepartmentsController {
    constructor(@Inject(DEPARTMENT_PROJECTION_DB) private readonly db: TransactionalSqlClient) {}

    @RpcHandler(rpc)
    async list(call: RpcRequest<typeof rpc>): Promise<Page<ProjectedDepartment>> {
      const { body } = call;
      const rows = await this.db.$queryRawUnsafe<ProjectionRow[]>(
        `SELECT "id"::text AS "id", "code", "name", "type", "parent_id"::text AS "parent_id", "status", "updated_at", "version"
           FROM "department_projection" WHERE ($1::uuid IS NULL OR "id" > $1::uuid) ORDER BY "id" LIMIT $2`,
        body.cursor ?? null,
        body.limit + 1,
      );
      const items = rows.slice(0, body.limit).map((row) => ({
        id: row.id,
        code: row.code,
        name: row.name,
        type: row.type,
        parentId: row.parent_id,
        status: row.status,
        updatedAt: row.updated_at.toISOString(),
        version: Number(row.version),
      }));
      return { items, nextCursor: rows.length > body.limit ? (items[items.length - 1]?.id ?? null) : null };
    }
  }
  return ProjectedDepartmentsController;
}
