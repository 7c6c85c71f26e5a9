import type { Dashboard } from '@gongkai/contracts';
import { CASE_STATUS_LABELS, KIND_LABELS, TASK_STATUS_LABELS } from '../annual/labels';

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const beijingTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    dateStyle: 'short',
    timeStyle: 'short',
  });
const label = (labels: Record<string, string>, code: string) => labels[code] ?? code;
/** A department's name, or its id while the reports service has not heard of it. */
const department = (entry: { departmentId: string; departmentName: string | null }) =>
  entry.departmentName ?? entry.departmentId;

/** The dashboard as a self-contained HTML page (no script, no CDN): tables of the JSON's figures. */
export function renderDashboardPage(dashboard: Dashboard): string {
  const rows = (cells: (string | number)[][]) =>
    cells.map((row) => `<tr>${row.map((cell) => `<td>${escape(String(cell))}</td>`).join('')}</tr>`).join('');
  const { thisMonth, lastMonth } = dashboard.rates;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>信息公开工作看板</title>
<style>body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #999;padding:.25rem .6rem;text-align:left}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.5rem}</style></head><body>
<h1>信息公开工作看板</h1><p>截至 ${escape(beijingTime(dashboard.asOf))}（北京时间）</p>
<section id="open-cases"><h2>在办诉求与申请（共 ${dashboard.openCases.total} 件）</h2>
<table><tr><th>类型</th><th>状态</th><th>件数</th></tr>${rows(
    dashboard.openCases.byKindAndStatus.map((entry) => [
      label(KIND_LABELS, entry.kind),
      label(CASE_STATUS_LABELS, entry.status),
      entry.count,
    ]),
  )}</table>
<table><tr><th>受理天数</th><th>件数</th></tr>${rows(dashboard.openCases.byAge.map((entry) => [entry.days, entry.count]))}</table></section>
<section id="overdue"><h2>超期事项</h2><p>超期诉求 ${dashboard.overdue.cases.length} 件，超期更新任务 ${dashboard.overdue.tasks.length} 项。</p>
<table><tr><th>编号</th><th>类型</th><th>受理日期</th></tr>${rows(
    dashboard.overdue.cases.map((entry) => [
      entry.trackingNo,
      label(KIND_LABELS, entry.kind),
      entry.receivedOn,
    ]),
  )}</table>
<table><tr><th>超期任务部门</th><th>截止日期</th><th>状态</th></tr>${rows(
    dashboard.overdue.tasks.map((entry) => [
      department(entry),
      entry.deadline,
      label(TASK_STATUS_LABELS, entry.status),
    ]),
  )}</table></section>
<section id="round"><h2>当前更新轮次</h2>${
    dashboard.currentRound
      ? `<p>${escape(dashboard.currentRound.name)}（通知 ${dashboard.currentRound.noticeDate}，截止 ${dashboard.currentRound.deadline}）</p>
<table><tr><th>部门</th><th>任务</th><th>已发布</th><th>待提交</th><th>超期</th></tr>${rows(
          dashboard.currentRound.byDepartment.map((entry) => [
            department(entry),
            entry.tasks,
            entry.published,
            entry.pending,
            entry.overdue,
          ]),
        )}</table>`
      : '<p>暂无进行中的更新轮次。</p>'
  }</section>
<section id="rates"><h2>本月与上月</h2><table><tr><th>指标</th><th>${escape(thisMonth.month)}</th><th>${escape(lastMonth.month)}</th></tr>${rows(
    [
      ['受理诉求', thisMonth.received, lastMonth.received],
      ['响应率', percent(thisMonth.responseRate), percent(lastMonth.responseRate)],
      ['解决率', percent(thisMonth.resolutionRate), percent(lastMonth.resolutionRate)],
      ['满意率', percent(thisMonth.satisfactionRate), percent(lastMonth.satisfactionRate)],
    ],
  )}</table></section>
</body></html>
`;
}
