import { Injectable } from '@nestjs/common';
import type { AnnualReport, RenderedReport } from '@gongkai/contracts';
import { GetAnnualReportUseCase } from '../get-annual-report/get-annual-report.use-case';
import { renderDocx } from '../documents/docx';
import { renderHtml } from '../documents/html';
import { renderMarkdown } from '../markdown';

type DocumentFormat = 'md' | 'html' | 'docx';

const CONTENT_TYPES: Record<DocumentFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Renders one report in one format: text as it is, DOCX bytes base64-encoded to travel over NATS. */
export async function renderDocument(
  report: AnnualReport,
  format: DocumentFormat,
): Promise<Pick<RenderedReport, 'encoding' | 'document'>> {
  if (format === 'docx')
    return { encoding: 'base64', document: (await renderDocx(report)).toString('base64') };
  return { encoding: 'utf-8', document: format === 'html' ? renderHtml(report) : renderMarkdown(report) };
}

/** The annual report as a document, from the same JSON the JSON route answers. */
@Injectable()
export class RenderAnnualReportUseCase {
  constructor(private readonly getAnnualReportUseCase: GetAnnualReportUseCase) {}

  async execute(request: {
    academicYear: string;
    explain: boolean;
    format: DocumentFormat;
  }): Promise<RenderedReport> {
    const report = await this.getAnnualReportUseCase.execute(request);
    return {
      format: request.format,
      contentType: CONTENT_TYPES[request.format],
      fileName: `${report.academicYear}-annual-report.${request.format}`,
      ...(await renderDocument(report, request.format)),
    };
  }
}
