import { readDocxBack as readBack } from '../../../../test/support/docx-read-back';
import { figureValue } from './figure-value';
import { renderDocx } from './docx';
import { annualReportFixture, HOSTILE_TITLE } from './report-fixture';

describe('the annual report as DOCX', () => {
  const report = annualReportFixture();

  it('holds every figure of the JSON, with the same value, in its section', async () => {
    const { rows } = await readBack(await renderDocx(report));
    expect(report.figures.length).toBeGreaterThan(10);
    for (const figure of report.figures) {
      expect(rows).toContainEqual([figure.label, figureValue(figure)]);
    }
    const received = report.figures.find((figure) => figure.id === 'service.complaints.received');
    expect(received?.value).toBe(5);
    expect(rows).toContainEqual([received?.label, '5']);
  });

  it('has every section heading and paragraph in Chinese, in order', async () => {
    const { paragraphs } = await readBack(await renderDocx(report));
    expect(paragraphs[0]).toBe(report.title);
    const headings = report.sections.map((section) => section.heading);
    const positions = headings.map((heading) => paragraphs.indexOf(heading));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const paragraph of report.sections.flatMap((section) => section.paragraphs)) {
      expect(paragraphs).toContain(paragraph);
    }
  });

  it('carries the catalogue table and the application table, the hostile title as plain text', async () => {
    const { rows, xml } = await readBack(await renderDocx(report));
    expect(rows).toContainEqual([
      'A-01',
      HOSTILE_TITLE,
      '基本信息',
      '是',
      '2024-06-12',
      '信息公开网、官方微信公众号',
    ]);
    expect(rows).toContainEqual(['A-02', '学校章程及制定的各项规章制度', '基本信息', '否', '', '']);
    for (const row of report.applicationTable.rows) {
      expect(rows.some((cells) => cells[0] === row.label)).toBe(true);
    }
    expect(xml).not.toContain('<script>');
  });
});
