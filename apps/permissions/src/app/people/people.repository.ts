import { Injectable } from '@nestjs/common';
import type {
  Actor,
  IdentityChange,
  IdentityChangeKind,
  IdentityType,
  ListIdentityChanges,
  ListPeople,
  Page,
  Person,
  PersonStatus,
} from '@gongkai/contracts';
import { PrismaService, type PermissionsTx } from '../prisma.service';
import type {
  IdentityChange as IdentityChangeRow,
  Person as PersonRow,
  Prisma,
} from '../../generated/prisma/client';

export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    staffNo: row.staffNo,
    name: row.name,
    departmentId: row.departmentId,
    identityType: row.identityType as IdentityType,
    status: row.status as PersonStatus,
    post: row.post,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toIdentityChange(row: IdentityChangeRow): IdentityChange {
  return {
    id: row.id,
    personId: row.personId,
    kind: row.kind as IdentityChangeKind,
    fromDepartmentId: row.fromDepartmentId,
    toDepartmentId: row.toDepartmentId,
    fromPost: row.fromPost,
    toPost: row.toPost,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    occurredAt: row.occurredAt.toISOString(),
    reason: row.reason,
    actor: row.actor as Actor,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface NewIdentityChange {
  id: string;
  personId: string;
  kind: IdentityChangeKind;
  fromDepartmentId: string | null;
  toDepartmentId: string | null;
  fromPost: string | null;
  toPost: string | null;
  fromStatus: PersonStatus | null;
  toStatus: PersonStatus | null;
  occurredAt: Date;
  reason: string | null;
  actor: Actor;
}

/** The only place that touches the Person and IdentityChange models. */
@Injectable()
export class PeopleRepository {
  constructor(private readonly prisma: PrismaService) {}

  async get(id: string): Promise<Person | null> {
    const row = await this.prisma.person.findUnique({ where: { id } });
    return row ? toPerson(row) : null;
  }

  async findById(tx: PermissionsTx, id: string): Promise<Person | null> {
    const row = await tx.person.findUnique({ where: { id } });
    return row ? toPerson(row) : null;
  }

  /** Reads the person with a row lock: concurrent changes of one person apply one after another. */
  async lock(tx: PermissionsTx, id: string): Promise<Person | null> {
    await tx.$queryRawUnsafe(`SELECT "id" FROM "person" WHERE "id" = $1::uuid FOR UPDATE`, id);
    return this.findById(tx, id);
  }

  async findByStaffNo(tx: PermissionsTx, staffNo: string): Promise<Person | null> {
    const row = await tx.person.findUnique({ where: { staffNo } });
    return row ? toPerson(row) : null;
  }

  async insert(
    tx: PermissionsTx,
    input: {
      id: string;
      staffNo: string;
      name: string;
      departmentId: string;
      identityType: IdentityType;
      post: string | null;
    },
  ): Promise<Person> {
    return toPerson(await tx.person.create({ data: { ...input, status: 'active' } }));
  }

  async update(
    tx: PermissionsTx,
    id: string,
    data: Partial<{ departmentId: string; status: PersonStatus; post: string | null }>,
  ): Promise<Person> {
    return toPerson(await tx.person.update({ where: { id }, data }));
  }

  /**
   * People who belong to the departments, locked so a concurrent identity change waits for the
   * reorganisation (or the reorganisation sees its result). Departed people keep their last
   * department and are left out.
   */
  async currentMembersOf(tx: PermissionsTx, departmentIds: readonly string[]): Promise<Person[]> {
    await tx.$queryRawUnsafe(
      `SELECT "id" FROM "person" WHERE "department_id" = ANY($1::uuid[]) AND "status" <> 'departed'
        ORDER BY "id" FOR UPDATE`,
      [...departmentIds],
    );
    const rows = await tx.person.findMany({
      where: { departmentId: { in: [...departmentIds] }, status: { not: 'departed' } },
      orderBy: { id: 'asc' },
    });
    return rows.map(toPerson);
  }

  async insertIdentityChange(tx: PermissionsTx, change: NewIdentityChange): Promise<IdentityChange> {
    const row = await tx.identityChange.create({
      data: { ...change, actor: change.actor as Prisma.InputJsonValue },
    });
    return toIdentityChange(row);
  }

  async list(query: ListPeople): Promise<Page<Person>> {
    const rows = await this.prisma.person.findMany({
      where: {
        ...(query.cursor ? { id: { gt: query.cursor } } : {}),
        ...(query.departmentId ? { departmentId: query.departmentId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.staffNo ? { staffNo: query.staffNo } : {}),
      },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    const items = rows.slice(0, query.limit).map(toPerson);
    return { items, nextCursor: rows.length > query.limit ? (items[items.length - 1]?.id ?? null) : null };
  }

  async listIdentityChanges(query: ListIdentityChanges): Promise<Page<IdentityChange>> {
    const rows = await this.prisma.identityChange.findMany({
      where: { personId: query.personId, ...(query.cursor ? { id: { gt: query.cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    const items = rows.slice(0, query.limit).map(toIdentityChange);
    return { items, nextCursor: rows.length > query.limit ? (items[items.length - 1]?.id ?? null) : null };
  }
}
