import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ReportsErrorReasons,
  type FigureItems,
  type ReportsRpc,
  type RpcParsedBody,
} from '@gongkai/contracts';
import { academicYearOf } from '../academic-year';
import { computeAnnualReport } from '../annual-report';
import { AnnualRepository } from '../annual.repository';

/** The items behind one figure of a year's report (what `?explain=true` links to). */
@Injectable()
export class GetFigureItemsUseCase {
  constructor(private readonly annualRepository: AnnualRepository) {}

  async execute(request: RpcParsedBody<typeof ReportsRpc.getFigureItems>): Promise<FigureItems> {
    const year = academicYearOf(request.academicYear);
    const { book } = computeAnnualReport(await this.annualRepository.inputsFor(year));
    const figure = book.get(request.figureId);
    if (!figure) {
      throw DomainError.because(
        ReportsErrorReasons.FIGURE_NOT_FOUND,
        `The ${year.name} report has no figure ${request.figureId}; read the ids with ?explain=true`,
        { figureId: request.figureId },
      );
    }
    return { academicYear: year.name, figureId: figure.id, rule: figure.rule, items: figure.items };
  }
}
