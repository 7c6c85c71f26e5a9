import * as echarts from 'echarts';
import type { AnnualReport } from '@gongkai/contracts';
import { SOURCE_LABELS } from '../labels';

/** The twelve months of the academic year, `YYYY-MM`, September first. */
export function monthsOf(period: AnnualReport['period']): string[] {
  const [year = 0] = period.from.split('-').map(Number);
  return Array.from({ length: 12 }, (_, index) => {
    const month = ((8 + index) % 12) + 1;
    return `${index < 4 ? year : year + 1}-${String(month).padStart(2, '0')}`;
  });
}

/** Complaints per month by source, a stacked bar chart drawn on the server as SVG (ECharts SSR). */
export function renderComplaintsChart(report: AnnualReport, size = { width: 720, height: 320 }): string {
  const months = monthsOf(report.period);
  const sources = [...new Set(report.complaintsByMonth.map((entry) => entry.source))].sort();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", sans-serif' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: months.map((month) => `${Number(month.slice(5))}月`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: sources.map((source) => ({
        type: 'bar',
        stack: 'complaints',
        name: SOURCE_LABELS[source] ?? source,
        data: months.map(
          (month) =>
            report.complaintsByMonth.find((entry) => entry.month === month && entry.source === source)
              ?.count ?? 0,
        ),
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
