import { Injectable } from '@nestjs/common';
import {
  DepartmentCreatedV1,
  DepartmentDissolvedV1,
  DepartmentMergedV1,
  DepartmentRenamedV1,
  DepartmentSplitV1,
  DepartmentUpdatedV1,
  type EventEnvelope,
  versionIn,
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

/**
 * Upserts one department's state at the version the event gave it: an event applies only when
 * that version is newer than the row's, whatever order events arrive in. `occurredAt` is
 * business time (a reorganisation effective this morning) and never decides this.
 */
async function upsertDepartment(
  tx: SqlClient,
  state: ProjectedState,
  envelope: EventEnvelope,
): Promise<void> {
  const version = versionIn(envelope, state.departmentId);
  if (version === undefined) {
    throw new Error(`Event ${envelope.id} carries department ${state.departmentId} without its version`);
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO "department_projection" ("id", "code", "name", "type", "parent_id", "status", "updated_at", "version", "last_event_id")
     VALUES ($1::uuid, $2, $3, $4, $5::uuid, $6, $7::timestamptz, $8, $9::uuid)
     ON CONFLICT ("id") DO UPDATE SET "code" = EXCLUDED."code", "name" = EXCLUDED."name", "type" = EXCLUDED."type",
       "parent_id" = EXCLUDED."parent_id", "status" = EXCLUDED."status", "updated_at" = EXCLUDED."updated_at",
       "version" = EXCLUDED."version", "last_event_id" = EXCLUDED."last_event_id"
     WHERE "department_projection"."version" < EXCLUDED."version"`,
    state.departmentId,
    state.code,
    state.name,
    state.type,
    state.parentId,
    state.status,
    envelope.occurredAt,
    version,
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
  // Each row keeps its version; an older event finds a newer row and changes nothing.
  readonly ordering = 'independent' as const;
  readonly handlers = [
    on(DepartmentCreatedV1, (payload, envelope, tx: SqlClient) => upsertDepartment(tx, payload, envelope)),
    on(DepartmentUpdatedV1, (payload, envelope, tx: SqlClient) => upsertDepartment(tx, payload, envelope)),
    on(DepartmentRenamedV1, (payload, envelope, tx: SqlClient) => upsertAffected(tx, payload, envelope)),
    on(DepartmentMergedV1, (payload, envelope, tx: SqlClient) => upsertAffected(tx, payload, envelope)),
    on(DepartmentSplitV1, (payload, envelope, tx: SqlClient) => upsertAffected(tx, payload, envelope)),
    on(DepartmentDissolvedV1, (payload, envelope, tx: SqlClient) => upsertAffected(tx, payload, envelope)),
  ];
}
