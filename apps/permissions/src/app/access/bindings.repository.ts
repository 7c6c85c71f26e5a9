import { Injectable } from '@nestjs/common';
import type {
  Actor,
  BindingEndReason,
  EffectivePermission,
  ListRoleBindings,
  Page,
  Role,
  RoleBinding,
  SubjectType,
} from '@gongkai/contracts';
import { PrismaService, type PermissionsTx } from '../prisma.service';
import type { Prisma, RoleBinding as RoleBindingRow } from '../../generated/prisma/client';
import { toEffectivePermission } from './effective-permissions';

export function toRoleBinding(row: RoleBindingRow): RoleBinding {
  return {
    id: row.id,
    subjectType: row.subjectType as SubjectType,
    subjectId: row.subjectId,
    role: row.role as Role,
    departmentId: row.departmentId,
    validFrom: row.validFrom.toISOString(),
    validTo: row.validTo?.toISOString() ?? null,
    status: row.status as RoleBinding['status'],
    endedAt: row.endedAt?.toISOString() ?? null,
    endReason: row.endReason as BindingEndReason | null,
    requestId: row.requestId,
    grantedBy: row.grantedBy as Actor,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface NewBinding {
  id: string;
  subjectType: SubjectType;
  subjectId: string;
  role: Role;
  departmentId: string | null;
  validFrom: Date;
  validTo: Date | null;
  grantedBy: Actor;
  requestId: string | null;
  /** Set for bindings in force from the start: their granted event says so, no started event follows. */
  startAnnouncedAt: Date | null;
  createdAt: Date;
}

/** The only place that touches the RoleBinding model. */
@Injectable()
export class BindingsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async get(id: string): Promise<RoleBinding | null> {
    const row = await this.prisma.roleBinding.findUnique({ where: { id } });
    return row ? toRoleBinding(row) : null;
  }

  async lock(tx: PermissionsTx, id: string): Promise<RoleBinding | null> {
    await tx.$queryRawUnsafe(`SELECT "id" FROM "role_binding" WHERE "id" = $1::uuid FOR UPDATE`, id);
    const row = await tx.roleBinding.findUnique({ where: { id } });
    return row ? toRoleBinding(row) : null;
  }

  async insert(tx: PermissionsTx, binding: NewBinding): Promise<RoleBinding> {
    const row = await tx.roleBinding.create({
      data: { ...binding, grantedBy: binding.grantedBy as Prisma.InputJsonValue, status: 'active' },
    });
    return toRoleBinding(row);
  }

  /**
   * Ends the binding if it is still active; false when somebody (the sweeper, a concurrent
   * change) ended it first, so its ended event is emitted exactly once.
   */
  async end(
    tx: PermissionsTx,
    id: string,
    options: { endedAt: Date; endReason: BindingEndReason },
  ): Promise<RoleBinding | null> {
    const { count } = await tx.roleBinding.updateMany({
      where: { id, status: 'active' },
      data: { status: 'ended', endedAt: options.endedAt, endReason: options.endReason },
    });
    if (count === 0) return null;
    const row = await tx.roleBinding.findUniqueOrThrow({ where: { id } });
    return toRoleBinding(row);
  }

  async markStartAnnounced(tx: PermissionsTx, id: string, at: Date): Promise<void> {
    await tx.roleBinding.update({ where: { id }, data: { startAnnouncedAt: at } });
  }

  /** Active bindings of a subject that have not run out by `at` (including ones that start later). */
  async activeOf(
    tx: PermissionsTx,
    subjectType: SubjectType,
    subjectId: string,
    at: Date,
  ): Promise<RoleBinding[]> {
    const rows = await tx.roleBinding.findMany({
      where: {
        subjectType,
        subjectId,
        status: 'active',
        OR: [{ validTo: null }, { validTo: { gt: at } }],
      },
      orderBy: { id: 'asc' },
    });
    return rows.map(toRoleBinding);
  }

  /** What the subject may do now or later: its active bindings that have not run out by `at`. */
  async effectivePermissionsOf(
    tx: PermissionsTx,
    subjectType: SubjectType,
    subjectId: string,
    at: Date,
  ): Promise<EffectivePermission[]> {
    return (await this.activeOf(tx, subjectType, subjectId, at)).map(toEffectivePermission);
  }

  /** Every binding that can matter for a decision at `at`: active ones, and ones that ended after `at`. */
  async decisionFactsOf(
    tx: PermissionsTx,
    subjectType: SubjectType,
    subjectId: string,
    at: Date,
  ): Promise<RoleBindingRow[]> {
    return tx.roleBinding.findMany({
      where: {
        subjectType,
        subjectId,
        OR: [{ status: 'active' }, { endedAt: { gt: at } }],
      },
    });
  }

  /** Active bindings scoped to these departments (people's and API clients'). */
  async activeInDepartments(tx: PermissionsTx, departmentIds: readonly string[]): Promise<RoleBinding[]> {
    const rows = await tx.roleBinding.findMany({
      where: { departmentId: { in: [...departmentIds] }, status: 'active' },
      orderBy: { id: 'asc' },
    });
    return rows.map(toRoleBinding);
  }

  /** An active binding of the same subject, role and scope whose window overlaps the one given. */
  async findOverlapping(
    tx: PermissionsTx,
    binding: {
      subjectType: SubjectType;
      subjectId: string;
      role: Role;
      departmentId: string | null;
      validFrom: Date;
      validTo: Date | null;
    },
  ): Promise<RoleBinding | null> {
    const row = await tx.roleBinding.findFirst({
      where: {
        subjectType: binding.subjectType,
        subjectId: binding.subjectId,
        role: binding.role,
        departmentId: binding.departmentId,
        status: 'active',
        AND: [
          { OR: [{ validTo: null }, { validTo: { gt: binding.validFrom } }] },
          ...(binding.validTo ? [{ validFrom: { lt: binding.validTo } }] : []),
        ],
      },
    });
    return row ? toRoleBinding(row) : null;
  }

  /** Future bindings whose validFrom has come, locked; rows another replica holds are skipped. */
  async lockDueToStart(tx: PermissionsTx, at: Date, limit: number): Promise<RoleBinding[]> {
    return this.lockDue(
      tx,
      `"status" = 'active' AND "start_announced_at" IS NULL AND "valid_from" <= $1`,
      at,
      limit,
      '"valid_from"',
    );
  }

  /** Active bindings whose validTo has passed, locked; rows another replica holds are skipped. */
  async lockDueToExpire(tx: PermissionsTx, at: Date, limit: number): Promise<RoleBinding[]> {
    return this.lockDue(tx, `"status" = 'active' AND "valid_to" <= $1`, at, limit, '"valid_to"');
  }

  private async lockDue(
    tx: PermissionsTx,
    condition: string,
    at: Date,
    limit: number,
    orderBy: string,
  ): Promise<RoleBinding[]> {
    const locked = await tx.$queryRawUnsafe<{ id: string }[]>(
      `SELECT "id"::text AS "id" FROM "role_binding" WHERE ${condition}
        ORDER BY ${orderBy}, "id" LIMIT $2 FOR UPDATE SKIP LOCKED`,
      at,
      limit,
    );
    if (locked.length === 0) return [];
    const rows = await tx.roleBinding.findMany({
      where: { id: { in: locked.map((row) => row.id) } },
      orderBy: { id: 'asc' },
    });
    return rows.map(toRoleBinding);
  }

  async list(query: ListRoleBindings): Promise<Page<RoleBinding>> {
    const rows = await this.prisma.roleBinding.findMany({
      where: {
        ...(query.cursor ? { id: { gt: query.cursor } } : {}),
        ...(query.subjectType ? { subjectType: query.subjectType } : {}),
        ...(query.subjectId ? { subjectId: query.subjectId } : {}),
        ...(query.departmentId ? { departmentId: query.departmentId } : {}),
        ...(query.role ? { role: query.role } : {}),
        ...(query.status ? { status: query.status } : {}),
      },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    const items = rows.slice(0, query.limit).map(toRoleBinding);
    return { items, nextCursor: rows.length > query.limit ? (items[items.length - 1]?.id ?? null) : null };
  }
}
