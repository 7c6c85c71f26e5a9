import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import type { AcademicYear } from './academic-year';
import type { ReportInputs } from './annual-report';

/** Reads what an annual report is computed from: the projections and the office's saved text. */
@Injectable()
export class AnnualRepository {
  constructor(private readonly prisma: PrismaService) {}

  async inputsFor(year: AcademicYear): Promise<ReportInputs> {
    // Every event of a case received up to the year's end (events after it are ignored by the fold).
    const [caseEvents, items, categories, publications, revisions, rounds, problemsText] = await Promise.all([
      this.prisma.reportCaseEvent.findMany({
        where: { receivedAt: { lte: year.end } },
        orderBy: [{ caseId: 'asc' }, { aggregateVersion: 'asc' }],
      }),
      this.prisma.reportItem.findMany({ orderBy: { code: 'asc' } }),
      this.prisma.reportCategory.findMany({ orderBy: { sortOrder: 'asc' } }),
      this.prisma.reportPublication.findMany({
        where: { publishedAt: { gte: year.start, lte: year.end } },
        orderBy: { publishedAt: 'asc' },
      }),
      this.prisma.reportRevision.findMany({
        where: { effectiveDate: { gte: year.from, lte: year.to } },
        orderBy: { effectiveDate: 'asc' },
      }),
      this.prisma.reportRound.findMany({ where: { noticeDate: { gte: year.from, lte: year.to } } }),
      this.prisma.reportText.findFirst({
        where: { academicYear: year.name, section: 'problems' },
        orderBy: { version: 'desc' },
      }),
    ]);
    return {
      year,
      caseEvents: caseEvents.map((event) => ({
        ...event,
        details: (event.details ?? {}) as Record<string, unknown>,
      })),
      items,
      categories,
      publications,
      revisions,
      rounds,
      problemsText: problemsText
        ? { text: problemsText.text, version: problemsText.version, savedAt: problemsText.savedAt }
        : null,
    };
  }
}
