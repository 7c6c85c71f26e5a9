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
import { type AnnualReport } from '@gongkai/contracts';
import { figureValue } from './figure-value';
import { applicationTableOf, catalogueTableOf, hotspotsLineOf } from './report-tables';

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
      const { header, rows } = catalogueTableOf(report);
      children.push(table(header, rows));
    }
    if (section.id === 'application') {
      const { header, rows } = applicationTableOf(report);
      children.push(table(header, rows));
    }
    const hotspots = section.id === 'problems' ? hotspotsLineOf(report) : null;
    if (hotspots) children.push(new Paragraph({ text: hotspots }));
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
