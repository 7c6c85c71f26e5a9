import { renderHtml } from './html';
import { monthsOf } from './complaints-chart';
import { annualReportFixture, HOSTILE_TITLE } from './report-fixture';

describe('the annual report as HTML', () => {
  const report = annualReportFixture(true);
  const html = renderHtml(report);

  it('is one self-contained A4 document: no script, no external resource', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@page{size:A4');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(|@import/i);
    expect(html).not.toMatch(/href="(?!\/api\/v1\/reports\/annual\/)/);
  });

  it('escapes what users wrote', () => {
    expect(html).not.toContain(HOSTILE_TITLE);
    expect(html).toContain('&#60;script&#62;alert(&#34;公开&#34;)&#60;/script&#62; &#38; 食堂 | 价格');
  });

  it('has every section, every figure with its value and the complaints chart as inline SVG', () => {
    for (const section of report.sections) expect(html).toContain(`<h2>${section.heading}</h2>`);
    for (const figure of report.figures) expect(html).toContain(`data-figure="${figure.id}"`);
    expect(html).toMatch(/<figure id="complaints-by-month"><svg[^>]*>/);
    expect(html).toContain('北京市12345转办');
    expect(html).toContain('校园接诉即办热线');
  });
});

describe('the series of the chart', () => {
  it('counts complaints per Asia/Shanghai month of receipt and source (31 August 23:00 in August)', () => {
    const { complaintsByMonth } = annualReportFixture();
    expect([...complaintsByMonth].sort((a, b) => a.month.localeCompare(b.month))).toEqual([
      { month: '2023-09', source: 'city_12345', count: 2 },
      { month: '2023-10', source: 'campus_hotline', count: 1 },
      { month: '2024-03', source: 'city_12345', count: 1 },
      { month: '2024-08', source: 'campus_hotline', count: 1 },
    ]);
  });
});

describe('the months of the chart', () => {
  it('are the academic year, September to August', () => {
    expect(monthsOf({ from: '2023-09-01', to: '2024-08-31', timeZone: 'Asia/Shanghai' })).toEqual([
      '2023-09',
      '2023-10',
      '2023-11',
      '2023-12',
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
      '2024-07',
      '2024-08',
    ]);
  });
});
