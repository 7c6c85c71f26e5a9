import { Injectable } from '@nestjs/common';
import type { ItemOrigin } from '@gongkai/contracts';
import type { CatalogueTx } from '../prisma.service';

export interface CategoryRecord {
  code: string;
  name: string;
  nameVariants: string[];
  origin: ItemOrigin;
  sortOrder: number;
}

/** A stored category, as GET /catalogue/categories shows it. */
export interface CategoryRow extends CategoryRecord {
  createdAt: string;
  updatedAt: string;
}

/** The only place that touches the Category model. */
@Injectable()
export class CategoriesRepository {
  async list(db: CatalogueTx): Promise<CategoryRow[]> {
    const rows = await db.category.findMany({ orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] });
    return rows.map((row) => ({
      ...row,
      origin: row.origin as ItemOrigin,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    }));
  }

  async exists(db: CatalogueTx, code: string): Promise<boolean> {
    return (await db.category.count({ where: { code } })) > 0;
  }

  async existingCodes(db: CatalogueTx): Promise<Set<string>> {
    const rows = await db.category.findMany({ select: { code: true } });
    return new Set(rows.map((row) => row.code));
  }

  async insertMany(tx: CatalogueTx, categories: CategoryRecord[]): Promise<void> {
    if (categories.length > 0) await tx.category.createMany({ data: categories });
  }
}
