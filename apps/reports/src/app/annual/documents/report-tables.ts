import {
  APPLICATION_REQUESTER_LABELS,
  APPLICATION_TABLE_COLUMNS,
  type AnnualReport,
} from '@gongkai/contracts';
import { CHANNEL_LABELS } from '../labels';

/** A table as every document format draws it: a header row and rows of cell texts. */
export interface ReportTable {
  header: string[];
  rows: string[][];
}

/** 清单事项公开情况表: every catalogue item, published in the year or not, when and where. */
export function catalogueTableOf(report: AnnualReport): ReportTable {
  return {
    header: ['编号', '事项', '类别', '本学年公开', '公开日期', '公开渠道'],
    rows: report.catalogueTable.map((entry) => [
      entry.code,
      entry.title,
      entry.categoryName,
      entry.publishedInYear ? '是' : '否',
      entry.publishedOn.join('、'),
      entry.channels.map((channel) => CHANNEL_LABELS[channel] ?? channel).join('、'),
    ]),
  };
}

/** The standard table of applications, one column per requester type and the total. */
export function applicationTableOf(report: AnnualReport): ReportTable {
  return {
    header: [
      '项目',
      ...APPLICATION_TABLE_COLUMNS.map((column) =>
        column === 'total' ? '总计' : APPLICATION_REQUESTER_LABELS[column],
      ),
    ],
    rows: report.applicationTable.rows.map((entry) => [
      entry.label,
      ...APPLICATION_TABLE_COLUMNS.map((column) => String(entry.counts[column])),
    ]),
  };
}

/** The year's complaint hotspots offered as material for the problems section, or null without any. */
export function hotspotsLineOf(report: AnnualReport): string | null {
  if (report.problems.hotspots.length === 0) return null;
  return `诉求热点（参考）：${report.problems.hotspots.map((entry) => `${entry.key}（${entry.count}件）`).join('、')}`;
}
