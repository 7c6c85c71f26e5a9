import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  WidthType,
} from 'docx';
import {
  APPLICATION_REQUESTER_LABELS,
  APPLICATION_TABLE_COLUMNS,
  type AnnualReport,
} from '@gongkai/contracts';
import { CHANNEL_LABELS } from '../labels';
import { figureValue } from './figure-value';

// A4 in twentieths of a point, with 2 cm margins.
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134;
const FONTS = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun' };

const table = (head: string[], body: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [head, ...body].map(
      (cells, index) =>
        new TableRow({
          tableHeader: index === 0,
          children: cells.map(
            (text) =>
              new TableCell({
                children: [new Paragraph({ text, style: index === 0 ? 'TableHead' : undefined })],
              }),
          ),
        }),
    ),
  });

/** The report as a Word document (DOCX): the same sections, figures and tables as the Markdown. */
export function renderDocx(report: AnnualReport): Promise<Buffer> {
  const figures = new Map(report.figures.map((figure) => [figure.id, figure]));
  const explanations = new Map((report.explanations ?? []).map((entry) => [entry.figureId, entry]));
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: report.title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }),
  ];
  for (const section of report.sections) {
    children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1 }));
    for (const paragraph of section.paragraphs) {
      children.push(new Paragraph({ text: paragraph, indent: { firstLine: 480 } }));
    }
    if (section.id === 'catalogue') {
      children.push(
        table(
          ['编号', '事项', '类别', '本学年公开', '公开日期', '公开渠道'],
          report.catalogueTable.map((entry) => [
            entry.code,
            entry.title,
            entry.categoryName,
            entry.publishedInYear ? '是' : '否',
            entry.publishedOn.join('、'),
            entry.channels.map((channel) => CHANNEL_LABELS[channel] ?? channel).join('、'),
          ]),
        ),
      );
    }
    if (section.id === 'application') {
      children.push(
        table(
          [
            '项目',
            ...APPLICATION_TABLE_COLUMNS.map((column) =>
              column === 'total' ? '总计' : APPLICATION_REQUESTER_LABELS[column],
            ),
          ],
          report.applicationTable.rows.map((entry) => [
            entry.label,
            ...APPLICATION_TABLE_COLUMNS.map((column) => String(entry.counts[column])),
          ]),
        ),
      );
    }
    if (section.id === 'problems' && report.problems.hotspots.length > 0) {
      children.push(
        new Paragraph({
          text: `诉求热点（参考）：${report.problems.hotspots.map((entry) => `${entry.key}（${entry.count}件）`).join('、')}`,
        }),
      );
    }
    const shown = section.figureIds.flatMap((id) => figures.get(id) ?? []);
    if (shown.length > 0) {
      children.push(
        table(
          ['指标', '数值'],
          shown.map((figure) => {
            const explanation = explanations.get(figure.id);
            return [
              explanation
                ? `${figure.label}（${explanation.rule} 明细：${explanation.itemsHref}）`
                : figure.label,
              figureValue(figure),
            ];
          }),
        ),
      );
    }
  }
  const document = new Document({
    title: report.title,
    creator: 'gongkai',
    styles: {
      default: { document: { run: { font: FONTS, size: 24 } } },
      paragraphStyles: [{ id: 'TableHead', name: 'Table head', run: { bold: true } }],
    },
    sections: [
      {
        properties: {
          page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
