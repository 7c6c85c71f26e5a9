import { Injectable } from '@nestjs/common';
import type { CaseCategory } from '@gongkai/contracts';
import type { ComplaintsTx } from '../prisma.service';
import { DEFAULT_CATEGORIES } from './default-categories';

const toView = (row: { code: string; name: string; kinds: string[]; active: boolean }): CaseCategory => ({
  code: row.code,
  name: row.name,
  kinds: row.kinds as CaseCategory['kinds'],
  active: row.active,
});

/** The only place that touches the case_category table. */
@Injectable()
export class CategoriesRepository {
  async list(db: ComplaintsTx): Promise<CaseCategory[]> {
    const rows = await db.caseCategory.findMany({ orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }] });
    return rows.map(toView);
  }

  async find(db: ComplaintsTx, code: string): Promise<CaseCategory | null> {
    const row = await db.caseCategory.findUnique({ where: { code } });
    return row ? toView(row) : null;
  }

  async put(db: ComplaintsTx, category: CaseCategory): Promise<CaseCategory> {
    const row = await db.caseCategory.upsert({
      where: { code: category.code },
      create: { ...category, sortOrder: 1000 },
      update: { name: category.name, kinds: category.kinds, active: category.active, updatedAt: new Date() },
    });
    return toView(row);
  }

  /** On first start only: an edited list is never overwritten. */
  async seedIfEmpty(db: ComplaintsTx): Promise<void> {
    if ((await db.caseCategory.count()) > 0) return;
    await db.caseCategory.createMany({
      data: DEFAULT_CATEGORIES.map((category, index) => ({ ...category, sortOrder: index })),
      skipDuplicates: true,
    });
  }
}
