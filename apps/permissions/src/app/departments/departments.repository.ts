import { Injectable } from '@nestjs/common';
import type { CreateDepartment, Department, Page } from '@gongkai/contracts';
import { PrismaService, type PermissionsTx } from '../prisma.service';
import type { Department as DepartmentRow } from '../../generated/prisma/client';

export function toDepartment(row: DepartmentRow): Department {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type as Department['type'],
    parentId: row.parentId,
    status: row.status as Department['status'],
    successorId: row.successorId,
    dissolvedAt: row.dissolvedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The only place that touches the Department model. */
@Injectable()
export class DepartmentsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findById(tx: PermissionsTx, id: string): Promise<Department | null> {
    const row = await tx.department.findUnique({ where: { id } });
    return row ? toDepartment(row) : null;
  }

  async findByCode(tx: PermissionsTx, code: string): Promise<Department | null> {
    const row = await tx.department.findUnique({ where: { code } });
    return row ? toDepartment(row) : null;
  }

  async insert(tx: PermissionsTx, id: string, input: CreateDepartment): Promise<Department> {
    const row = await tx.department.create({
      data: {
        id,
        code: input.code,
        name: input.name,
        type: input.type,
        parentId: input.parentId ?? null,
        status: 'active',
      },
    });
    return toDepartment(row);
  }

  async list(options: { limit: number; cursor?: string }): Promise<Page<Department>> {
    const rows = await this.prisma.department.findMany({
      where: options.cursor ? { id: { gt: options.cursor } } : undefined,
      orderBy: { id: 'asc' },
      take: options.limit + 1,
    });
    const items = rows.slice(0, options.limit).map(toDepartment);
    return { items, nextCursor: rows.length > options.limit ? (items[items.length - 1]?.id ?? null) : null };
  }
}
