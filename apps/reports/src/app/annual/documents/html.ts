import { type AnnualReport } from '@gongkai/contracts';
import { renderComplaintsChart } from './complaints-chart';
import { figureValue } from './figure-value';
import { applicationTableOf, catalogueTableOf, hotspotsLineOf } from './report-tables';

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
const row = (cells: string[], tag: 'td' | 'th' = 'td') =>
  `<tr>${cells.map((cell) => `<${tag}>${escape(cell)}</${tag}>`).join('')}</tr>`;
const table = (head: string[], body: string[][]) =>
  `<table><thead>${row(head, 'th')}</thead><tbody>${body.map((cells) => row(cells)).join('')}</tbody></table>`;

const STYLE = `@page{size:A4;margin:20mm 18mm}
body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC","Noto Sans SC",serif;color:#111;line-height:1.7;max-width:174mm;margin:0 auto;font-size:11pt}
h1{font-size:18pt;text-align:center}h2{font-size:14pt;margin-top:1.4em;break-after:avoid}
p{text-indent:2em;margin:.4em 0}
table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:9.5pt;break-inside:auto}
th,td{border:1px solid #555;padding:2pt 4pt;text-align:left;vertical-align:top}thead{display:table-header-group}
tr{break-inside:avoid}figure{margin:.8em 0;break-inside:avoid}figcaption{text-align:center;font-size:9.5pt}
svg{max-width:100%;height:auto}
@media print{section{break-inside:auto}a{color:inherit;text-decoration:none}}`;

/** The report as one self-contained, printable (A4) HTML document: no script, no external resource. */
export function renderHtml(report: AnnualReport): string {
  const figures = new Map(report.figures.map((figure) => [figure.id, figure]));
  const explanations = new Map((report.explanations ?? []).map((entry) => [entry.figureId, entry]));
  const sections = report.sections.map((section) => {
    const parts = [`<h2>${escape(section.heading)}</h2>`];
    parts.push(...section.paragraphs.map((paragraph) => `<p>${escape(paragraph)}</p>`));
    if (section.id === 'service') {
      parts.push(
        `<figure id="complaints-by-month">${renderComplaintsChart(report)}<figcaption>图：各月受理诉求件数（按来源）</figcaption></figure>`,
      );
    }
    if (section.id === 'catalogue') {
      const { header, rows } = catalogueTableOf(report);
      parts.push(table(header, rows));
    }
    if (section.id === 'application') {
      const { header, rows } = applicationTableOf(report);
      parts.push(table(header, rows));
    }
    const hotspots = section.id === 'problems' ? hotspotsLineOf(report) : null;
    if (hotspots) parts.push(`<p>${escape(hotspots)}</p>`);
    const shown = section.figureIds.flatMap((id) => figures.get(id) ?? []);
    if (shown.length > 0) {
      parts.push(
        `<table class="figures"><thead>${row(['指标', '数值'], 'th')}</thead><tbody>${shown
          .map((figure) => {
            const explanation = explanations.get(figure.id);
            const label = explanation
              ? `${escape(figure.label)}<br><small>${escape(explanation.rule)} <a href="${escape(explanation.itemsHref)}">明细</a></small>`
              : escape(figure.label);
            return `<tr data-figure="${escape(figure.id)}"><td>${label}</td><td>${escape(figureValue(figure))}</td></tr>`;
          })
          .join('')}</tbody></table>`,
      );
    }
    return `<section id="${section.id}">${parts.join('\n')}</section>`;
  });
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(report.title)}</title>
<style>${STYLE}</style></head><body>
<h1>${escape(report.title)}</h1>
${sections.join('\n')}
</body></html>
`;
}
