import { Injectable } from '@nestjs/common';
import type { AnnualReport } from '@gongkai/contracts';
import { academicYearOf } from '../academic-year';
import { computeAnnualReport } from '../annual-report';
import { AnnualRepository } from '../annual.repository';

export const figureItemsHref = (academicYear: string, figureId: string) =>
  `/api/v1/reports/annual/${academicYear}/figures/${figureId}/items`;

/** The annual report of an academic year, computed from the projections at each request. */
@Injectable()
export class GetAnnualReportUseCase {
  constructor(private readonly annualRepository: AnnualRepository) {}

  async execute(request: { academicYear: string; explain: boolean }): Promise<AnnualReport> {
    const year = academicYearOf(request.academicYear);
    const { report, book } = computeAnnualReport(await this.annualRepository.inputsFor(year));
    if (!request.explain) return report;
    return {
      ...report,
      explanations: book.all().map((figure) => ({
        figureId: figure.id,
        rule: figure.rule,
        itemsHref: figureItemsHref(year.name, figure.id),
        itemCount: figure.items.length,
      })),
    };
  }
}
