import { Injectable } from '@nestjs/common';
import type { CatalogueTx } from '../prisma.service';

export interface KnownDepartment {
  id: string;
  name: string;
  status: string;
}

/**
 * Reads the catalogue's own department projection (kept from permissions' events by service-kit):
 * department ids are checked here, never by asking the permissions service's database.
 */
@Injectable()
export class DepartmentsRepository {
  async findByIds(db: CatalogueTx, ids: readonly string[]): Promise<Map<string, KnownDepartment>> {
    if (ids.length === 0) return new Map();
    const rows = await db.departmentProjection.findMany({
      where: { id: { in: [...new Set(ids)] } },
      select: { id: true, name: true, status: true },
    });
    return new Map(rows.map((row) => [row.id, row]));
  }
}
