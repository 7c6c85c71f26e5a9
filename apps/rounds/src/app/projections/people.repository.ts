import { Injectable } from '@nestjs/common';
import type { RoundsTx } from '../prisma.service';

/** The roles rounds follows: who works tasks, who reviews them, who is escalated to. */
export const ROUND_ROLES = ['dept_liaison', 'dept_reviewer', 'disclosure_admin'] as const;
export type RoundRole = (typeof ROUND_ROLES)[number];

export interface RoleHolderRecord {
  bindingId: string;
  personId: string;
  role: RoundRole;
  departmentId: string | null;
  validFrom: Date;
}

/** "In force at $n": active, started, not past validTo, and the person not on leave or departed. */
const IN_FORCE = (at: string) => `h."status" = 'active' AND h."valid_from" <= ${at}
  AND (h."valid_to" IS NULL OR h."valid_to" > ${at})
  AND COALESCE((SELECT p."status" FROM "person_projection" p WHERE p."id" = h."person_id"), 'active') = 'active'`;

/**
 * The only code that touches `role_holder` and `person_projection`: who holds a round role
 * where, and whether they can act (from permissions' binding and person events).
 */
@Injectable()
export class PeopleRepository {
  /** A binding as of `version`; false when a newer version was applied before. */
  async applyBinding(
    tx: RoundsTx,
    binding: {
      bindingId: string;
      personId: string;
      role: RoundRole;
      departmentId: string | null;
      validFrom: Date;
      validTo: Date | null;
      status: 'active' | 'ended';
      endedAt: Date | null;
      version: number;
    },
  ): Promise<boolean> {
    const changed = await tx.$executeRawUnsafe(
      `INSERT INTO "role_holder" ("binding_id", "person_id", "role", "department_id", "valid_from", "valid_to", "status", "ended_at", "version")
       VALUES ($1::uuid, $2::uuid, $3, $4::uuid, $5, $6, $7, $8, $9)
       ON CONFLICT ("binding_id") DO UPDATE SET "valid_from" = EXCLUDED."valid_from", "valid_to" = EXCLUDED."valid_to",
         "status" = EXCLUDED."status", "ended_at" = EXCLUDED."ended_at", "version" = EXCLUDED."version"
       WHERE "role_holder"."version" < EXCLUDED."version"`,
      binding.bindingId,
      binding.personId,
      binding.role,
      binding.departmentId,
      binding.validFrom,
      binding.validTo,
      binding.status,
      binding.endedAt,
      binding.version,
    );
    return changed > 0;
  }

  async applyPerson(
    tx: RoundsTx,
    person: {
      id: string;
      name?: string;
      departmentId?: string | null;
      status?: string | null;
      version: number;
    },
  ): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO "person_projection" ("id", "name", "department_id", "status", "version")
       VALUES ($1::uuid, COALESCE($2, ''), COALESCE($3::uuid, '00000000-0000-0000-0000-000000000000'::uuid), COALESCE($4, 'active'), $5)
       ON CONFLICT ("id") DO UPDATE SET "name" = COALESCE($2, "person_projection"."name"),
         "department_id" = COALESCE($3::uuid, "person_projection"."department_id"),
         "status" = COALESCE($4, "person_projection"."status"), "version" = EXCLUDED."version"
       WHERE "person_projection"."version" < EXCLUDED."version"`,
      person.id,
      person.name ?? null,
      person.departmentId ?? null,
      person.status ?? null,
      person.version,
    );
  }

  /** Holders of `role` in force at `at` in these departments (null: school-wide). */
  async holders(
    db: RoundsTx,
    role: RoundRole,
    departmentIds: readonly (string | null)[],
    at: Date,
  ): Promise<RoleHolderRecord[]> {
    const departments = departmentIds.filter((id): id is string => id !== null);
    const schoolWide = departmentIds.includes(null);
    const rows = await db.$queryRawUnsafe<
      {
        binding_id: string;
        person_id: string;
        role: RoundRole;
        department_id: string | null;
        valid_from: Date;
      }[]
    >(
      `SELECT h."binding_id", h."person_id", h."role", h."department_id", h."valid_from"
       FROM "role_holder" h
       WHERE h."role" = $1 AND (h."department_id" = ANY($2::uuid[]) OR ($3 AND h."department_id" IS NULL))
         AND ${IN_FORCE('$4')}
       ORDER BY h."valid_from", h."binding_id"`,
      role,
      departments,
      schoolWide,
      at,
    );
    return rows.map((row) => ({
      bindingId: row.binding_id,
      personId: row.person_id,
      role: row.role,
      departmentId: row.department_id,
      validFrom: row.valid_from,
    }));
  }

  /** The departments where `personId` holds `role` in force at `at`. */
  async departmentsOf(db: RoundsTx, personId: string, role: RoundRole, at: Date): Promise<string[]> {
    const rows = await db.$queryRawUnsafe<{ department_id: string }[]>(
      `SELECT DISTINCT h."department_id" FROM "role_holder" h
       WHERE h."person_id" = $1::uuid AND h."role" = $2 AND h."department_id" IS NOT NULL AND ${IN_FORCE('$3')}`,
      personId,
      role,
      at,
    );
    return rows.map((row) => row.department_id);
  }
}
