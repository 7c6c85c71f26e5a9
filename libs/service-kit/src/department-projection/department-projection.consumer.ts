import { Injectable } from '@nestjs/common';
import { DepartmentCreatedV1 } from '@gongkai/contracts';
import { on, type EventConsumer, type SqlClient } from '@gongkai/messaging';

/**
 * Keeps the service's own copy of the department tree (`department_projection`) from the
 * permissions service's events, so the service never reads another service's database.
 */
@Injectable()
export class DepartmentProjectionConsumer implements EventConsumer {
  readonly name = 'department-projection';
  readonly source = 'permissions' as const;
  readonly filter = 'evt.permissions.department.>';
  readonly handlers = [
    on(DepartmentCreatedV1, async (payload, envelope, tx: SqlClient) => {
      await tx.$executeRawUnsafe(
        `INSERT INTO "department_projection" ("id", "code", "name", "type", "parent_id", "status", "updated_at", "last_event_id")
         VALUES ($1::uuid, $2, $3, $4, $5::uuid, $6, $7::timestamptz, $8::uuid)
         ON CONFLICT ("id") DO UPDATE SET "code" = EXCLUDED."code", "name" = EXCLUDED."name", "type" = EXCLUDED."type",
           "parent_id" = EXCLUDED."parent_id", "status" = EXCLUDED."status", "updated_at" = EXCLUDED."updated_at",
           "last_event_id" = EXCLUDED."last_event_id"
         WHERE "department_projection"."updated_at" <= EXCLUDED."updated_at"`,
        payload.departmentId,
        payload.code,
        payload.name,
        payload.type,
        payload.parentId,
        payload.status,
        envelope.occurredAt,
        envelope.id,
      );
    }),
  ];
}
