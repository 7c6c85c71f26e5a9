import { Injectable } from '@nestjs/common';
import type { ComplaintsTx } from '../prisma.service';

export interface HolderState {
  bindingId: string;
  subjectType: string;
  subjectId: string;
  role: string;
  departmentId: string | null;
  validFrom: Date;
  validTo: Date | null;
  active: boolean;
  version: number;
}

/** The only place that touches role_holder: who holds a complaints role where, from permissions' binding events. */
@Injectable()
export class RoleHoldersRepository {
  /** Keeps the newest version of each binding, whatever order its events arrive in. */
  async upsert(tx: ComplaintsTx, holder: HolderState): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO "role_holder" ("binding_id", "subject_type", "subject_id", "role", "department_id", "valid_from", "valid_to", "active", "version")
      VALUES (${holder.bindingId}::uuid, ${holder.subjectType}, ${holder.subjectId}::uuid, ${holder.role}, ${holder.departmentId}::uuid,
              ${holder.validFrom}, ${holder.validTo}, ${holder.active}, ${holder.version})
      ON CONFLICT ("binding_id") DO UPDATE SET
        "valid_from" = EXCLUDED."valid_from", "valid_to" = EXCLUDED."valid_to", "active" = EXCLUDED."active",
        "department_id" = EXCLUDED."department_id", "version" = EXCLUDED."version"
      WHERE "role_holder"."version" < EXCLUDED."version"`;
  }

  /** People holding `role` in the department at `at`, other than `except`. */
  async holders(
    tx: ComplaintsTx,
    role: string,
    departmentId: string,
    at: Date,
    except: string,
  ): Promise<string[]> {
    const rows = await tx.roleHolder.findMany({
      where: {
        role,
        departmentId,
        active: true,
        subjectType: 'person',
        subjectId: { not: except },
        validFrom: { lte: at },
        OR: [{ validTo: null }, { validTo: { gt: at } }],
      },
      select: { subjectId: true },
      orderBy: { subjectId: 'asc' },
    });
    return [...new Set(rows.map((row) => row.subjectId))];
  }
}
