import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import type { AcademicYear } from './academic-year';
import type { ReportInputs } from './annual-report';
import { caseAtFromJson, foldCases } from './case-fold';

/** Reads what an annual report is computed from: the projections and the office's saved text. */
@Injectable()
export class AnnualRepository {
  constructor(private readonly prisma: PrismaService) {}

  async inputsFor(year: AcademicYear): Promise<ReportInputs> {
    const [
      receivedInYear,
      applicationEvents,
      items,
      categories,
      publications,
      revisions,
      rounds,
      problemsText,
    ] = await Promise.all([
      // Complaints and reports count in the year they were received, as they stood at its end: one
      // folded row each. Applications also count in a later year (carried in, decided then): they
      // are few, and folded here from their events at this year's end.
      this.prisma.reportCase.findMany({
        where: { academicYear: year.name, kind: { not: 'application' } },
        select: { yearEndState: true },
      }),
      this.prisma.reportCaseEvent.findMany({
        where: { kind: 'application', receivedAt: { lte: year.end } },
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
      cases: [
        ...receivedInYear.map((row) => caseAtFromJson(row.yearEndState)),
        ...foldCases(
          applicationEvents.map((event) => ({
            ...event,
            details: (event.details ?? {}) as Record<string, unknown>,
          })),
          year.end,
        ),
      ],
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
