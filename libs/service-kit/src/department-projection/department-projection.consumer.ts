import { Injectable } from '@nestjs/common';
import {
  DepartmentCreatedV1,
  DepartmentDissolvedV1,
  DepartmentMergedV1,
  DepartmentRenamedV1,
  DepartmentSplitV1,
  DepartmentUpdatedV1,
  type EventEnvelope,
} from '@gongkai/contracts';
import { on, type EventConsumer, type SqlClient } from '@gongkai/messaging';

interface ProjectedState {
  departmentId: string;
  code: string;
  name: string;
  type: string;
  parentId: string | null;
  status: string;
}

/** Upserts one department's state; an older event never overwrites a newer one. */
async function upsertDepartment(
  tx: SqlClient,
  state: ProjectedState,
  envelope: EventEnvelope,
): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO "department_projection" ("id", "code", "name", "type", "parent_id", "status", "updated_at", "last_event_id")
     VALUES ($1::uuid, $2, $3, $4, $5::uuid, $6, $7::timestamptz, $8::uuid)
     ON CONFLICT ("id") DO UPDATE SET "code" = EXCLUDED."code", "name" = EXCLUDED."name", "type" = EXCLUDED."type",
       "parent_id" = EXCLUDED."parent_id", "status" = EXCLUDED."status", "updated_at" = EXCLUDED."updated_at",
       "last_event_id" = EXCLUDED."last_event_id"
     WHERE "department_projection"."updated_at" <= EXCLUDED."updated_at"`,
    state.departmentId,
    state.code,
    state.name,
    state.type,
    state.parentId,
    state.status,
    envelope.occurredAt,
    envelope.id,
  );
}

/** Reorganisation events carry every affected department as it is afterwards. */
async function upsertAffected(
  tx: SqlClient,
  payload: { departments: ProjectedState[] },
  envelope: EventEnvelope,
): Promise<void> {
  for (const department of payload.departments) await upsertDepartment(tx, department, envelope);
}

/**
 * Keeps the service's own copy of the department tree (`department_projection`) from the
 * permissions service's events, so the service never reads another service's database.
 * Merged, split and dissolved departments stay, with status `dissolved`.
 */
@Injectable()
export class DepartmentProjectionConsumer implements EventConsumer {
  readonly name = 'department-projection';
  readonly source = 'permissions' as const;
  readonly filter = 'evt.permissions.department.>';
  readonly handlers = [
    on(DepartmentCreatedV1, (payload, envelope, tx: SqlClient) => upsertDepartment(tx, payload, envelope)),
    on(DepartmentUpdatedV1, (payload, envelope, tx: SqlClient) => upsertDepartment(tx, payload, envelope)),
    on(DepartmentRenamedV1, (payload, envelope, tx: SqlClient) => upsertAffected(tx, payload, envelope)),
    on(DepartmentMergedV1, (payload, envelope, tx: SqlClient) => upsertAffected(tx, payload, envelope)),
    on(DepartmentSplitV1, (payload, envelope, tx: SqlClient) => upsertAffected(tx, payload, envelope)),
    on(DepartmentDissolvedV1, (payload, envelope, tx: SqlClient) => upsertAffected(tx, payload, envelope)),
  ];
}
