import { Injectable } from '@nestjs/common';
import type {
  Actor,
  ListPermissionRequests,
  Page,
  PermissionRequest,
  PermissionRequestOrigin,
  PermissionRequestStatus,
  Role,
  SubjectType,
} from '@gongkai/contracts';
import { PrismaService, type PermissionsTx } from '../prisma.service';
import type { PermissionRequest as PermissionRequestRow, Prisma } from '../../generated/prisma/client';

export function toPermissionRequest(row: PermissionRequestRow): PermissionRequest {
  return {
    id: row.id,
    subjectType: row.subjectType as SubjectType,
    subjectId: row.subjectId,
    role: row.role as Role,
    departmentId: row.departmentId,
    validFrom: row.validFrom?.toISOString() ?? null,
    validTo: row.validTo?.toISOString() ?? null,
    reason: row.reason,
    origin: row.origin as PermissionRequestOrigin,
    identityChangeId: row.identityChangeId,
    status: row.status as PermissionRequestStatus,
    requestedBy: row.requestedBy as Actor,
    decidedBy: (row.decidedBy as Actor | null) ?? null,
    decisionReason: row.decisionReason,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    bindingId: row.bindingId,
    createdAt: row.createdAt.toISOString(),
  };
}

export interface NewPermissionRequest {
  id: string;
  subjectType: SubjectType;
  subjectId: string;
  role: Role;
  departmentId: string | null;
  validFrom: Date | null;
  validTo: Date | null;
  reason: string;
  origin: PermissionRequestOrigin;
  identityChangeId: string | null;
  requestedBy: Actor;
  createdAt: Date;
}

/** The only place that touches the PermissionRequest model. */
@Injectable()
export class RequestsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async get(id: string): Promise<PermissionRequest | null> {
    const row = await this.prisma.permissionRequest.findUnique({ where: { id } });
    return row ? toPermissionRequest(row) : null;
  }

  async lock(tx: PermissionsTx, id: string): Promise<PermissionRequest | null> {
    await tx.$queryRawUnsafe(`SELECT "id" FROM "permission_request" WHERE "id" = $1::uuid FOR UPDATE`, id);
    const row = await tx.permissionRequest.findUnique({ where: { id } });
    return row ? toPermissionRequest(row) : null;
  }

  async insert(tx: PermissionsTx, request: NewPermissionRequest): Promise<PermissionRequest> {
    const row = await tx.permissionRequest.create({
      data: { ...request, requestedBy: request.requestedBy as Prisma.InputJsonValue, status: 'requested' },
    });
    return toPermissionRequest(row);
  }

  /** Decides a request that is still open; null when it was decided meanwhile. */
  async decide(
    tx: PermissionsTx,
    id: string,
    decision: {
      status: Exclude<PermissionRequestStatus, 'requested'>;
      decidedBy: Actor;
      decisionReason: string | null;
      decidedAt: Date;
      bindingId?: string | null;
    },
  ): Promise<PermissionRequest | null> {
    const { count } = await tx.permissionRequest.updateMany({
      where: { id, status: 'requested' },
      data: { ...decision, decidedBy: decision.decidedBy as Prisma.InputJsonValue },
    });
    if (count === 0) return null;
    return toPermissionRequest(await tx.permissionRequest.findUniqueOrThrow({ where: { id } }));
  }

  async openOfSubject(
    tx: PermissionsTx,
    subjectType: SubjectType,
    subjectId: string,
  ): Promise<PermissionRequest[]> {
    const rows = await tx.permissionRequest.findMany({
      where: { subjectType, subjectId, status: 'requested' },
      orderBy: { id: 'asc' },
    });
    return rows.map(toPermissionRequest);
  }

  async openInDepartments(tx: PermissionsTx, departmentIds: readonly string[]): Promise<PermissionRequest[]> {
    const rows = await tx.permissionRequest.findMany({
      where: { departmentId: { in: [...departmentIds] }, status: 'requested' },
      orderBy: { id: 'asc' },
    });
    return rows.map(toPermissionRequest);
  }

  async findOpenSame(
    tx: PermissionsTx,
    request: { subjectType: SubjectType; subjectId: string; role: Role; departmentId: string | null },
  ): Promise<PermissionRequest | null> {
    const row = await tx.permissionRequest.findFirst({ where: { ...request, status: 'requested' } });
    return row ? toPermissionRequest(row) : null;
  }

  async moveToDepartment(tx: PermissionsTx, ids: readonly string[], departmentId: string): Promise<void> {
    if (ids.length === 0) return;
    await tx.permissionRequest.updateMany({ where: { id: { in: [...ids] } }, data: { departmentId } });
  }

  /** `withinDepartments`: only requests of these departments (the caller's reach), whatever the query asks. */
  async list(
    query: ListPermissionRequests,
    withinDepartments?: readonly string[],
  ): Promise<Page<PermissionRequest>> {
    const rows = await this.prisma.permissionRequest.findMany({
      where: {
        ...(query.cursor ? { id: { gt: query.cursor } } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.departmentId || withinDepartments
          ? {
              departmentId: {
                ...(query.departmentId ? { equals: query.departmentId } : {}),
                ...(withinDepartments ? { in: [...withinDepartments] } : {}),
              },
            }
          : {}),
        ...(query.subjectId ? { subjectId: query.subjectId } : {}),
        ...(query.origin ? { origin: query.origin } : {}),
      },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    const items = rows.slice(0, query.limit).map(toPermissionRequest);
    return { items, nextCursor: rows.length > query.limit ? (items[items.length - 1]?.id ?? null) : null };
  }
}
