import { Injectable } from '@nestjs/common';
import type { RenderedReport } from '@gongkai/contracts';
import { GetAnnualReportUseCase } from '../get-annual-report/get-annual-report.use-case';
import { renderMarkdown } from '../markdown';

/** The annual report as a document, from the same JSON the JSON route answers. */
@Injectable()
export class RenderAnnualReportUseCase {
  constructor(private readonly getAnnualReportUseCase: GetAnnualReportUseCase) {}

  async execute(request: { academicYear: string; explain: boolean; format: 'md' }): Promise<RenderedReport> {
    const report = await this.getAnnualReportUseCase.execute(request);
    return {
      format: request.format,
      contentType: 'text/markdown; charset=utf-8',
      fileName: `${report.academicYear}-annual-report.md`,
      document: renderMarkdown(report),
    };
  }
}
