import {
  APPLICATION_REQUESTER_LABELS,
  APPLICATION_TABLE_COLUMNS,
  type AnnualReport,
} from '@gongkai/contracts';
import { figureValue } from './documents/figure-value';
import { CHANNEL_LABELS } from './labels';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The report as Markdown: its sections and figures, the application table and the catalogue table. */
export function renderMarkdown(report: AnnualReport): string {
  const lines: string[] = [`# ${report.title}`, ''];
  const figures = new Map(report.figures.map((figure) => [figure.id, figure]));
  const explanations = new Map((report.explanations ?? []).map((entry) => [entry.figureId, entry]));
  for (const section of report.sections) {
    lines.push(`## ${section.heading}`, '');
    for (const paragraph of section.paragraphs) lines.push(paragraph, '');
    if (section.id === 'catalogue') {
      lines.push('| 编号 | 事项 | 类别 | 本学年公开 | 公开日期 | 公开渠道 |', '|---|---|---|---|---|---|');
      for (const row of report.catalogueTable) {
        lines.push(
          `| ${cell(row.code)} | ${cell(row.title)} | ${cell(row.categoryName)} | ${row.publishedInYear ? '是' : '否'} | ${row.publishedOn.join('、')} | ${row.channels.map((channel) => CHANNEL_LABELS[channel] ?? channel).join('、')} |`,
        );
      }
      lines.push('');
      continue;
    }
    if (section.id === 'application') {
      lines.push(
        `| 项目 | ${APPLICATION_TABLE_COLUMNS.map((column) => (column === 'total' ? '总计' : APPLICATION_REQUESTER_LABELS[column])).join(' | ')} |`,
        `|---|${APPLICATION_TABLE_COLUMNS.map(() => '---').join('|')}|`,
      );
      for (const row of report.applicationTable.rows) {
        lines.push(
          `| ${cell(row.label)} | ${APPLICATION_TABLE_COLUMNS.map((column) => row.counts[column]).join(' | ')} |`,
        );
      }
      lines.push('');
    }
    if (section.id === 'problems' && report.problems.hotspots.length > 0) {
      lines.push(
        `诉求热点（参考）：${report.problems.hotspots.map((entry) => `${entry.key}（${entry.count}件）`).join('、')}`,
        '',
      );
    }
    if (section.figureIds.length > 0) {
      lines.push('| 指标 | 数值 |', '|---|---|');
      for (const id of section.figureIds) {
        const figure = figures.get(id);
        if (!figure) continue;
        const explanation = explanations.get(id);
        lines.push(
          `| ${cell(figure.label)}${explanation ? `<br>${cell(explanation.rule)} [明细](${explanation.itemsHref})` : ''} | ${figureValue(figure)} |`,
        );
      }
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
