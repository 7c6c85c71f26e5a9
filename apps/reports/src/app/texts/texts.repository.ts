import { Injectable } from '@nestjs/common';
import type { ProblemsTextHistory } from '@gongkai/contracts';
import type { PrismaService, ReportsTx } from '../prisma.service';

const SECTION = 'problems';

/** The office's saved text of a year's report, every version kept. */
@Injectable()
export class TextsRepository {
  async history(db: PrismaService | ReportsTx, academicYear: string): Promise<ProblemsTextHistory> {
    const rows = await db.reportText.findMany({
      where: { academicYear, section: SECTION },
      orderBy: { version: 'desc' },
    });
    return {
      academicYear,
      versions: rows.map((row) => ({
        version: row.version,
        text: row.text,
        savedBy: row.savedBy,
        savedAt: row.savedAt.toISOString(),
      })),
    };
  }

  /** Saves the next version; two saves racing for one number: the second is a unique violation (CONFLICT). */
  async addVersion(
    tx: ReportsTx,
    entry: { academicYear: string; text: string; savedBy: string; savedAt: Date },
  ): Promise<void> {
    const latest = await tx.reportText.findFirst({
      where: { academicYear: entry.academicYear, section: SECTION },
      orderBy: { version: 'desc' },
    });
    await tx.reportText.create({ data: { ...entry, section: SECTION, version: (latest?.version ?? 0) + 1 } });
  }
}
