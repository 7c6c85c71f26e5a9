import {
  APPLICATION_REQUESTER_TYPES,
  APPLICATION_RESULTS,
  APPLICATION_TABLE_COLUMNS,
  type ApplicationTable,
  type ColumnCounts,
} from './applications';

/** An inclusive range of Asia/Shanghai dates (`from`, `to`) and the instants it spans. */
export interface TablePeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

export interface TableApplication {
  requesterType: string | null;
  receivedAt: Date;
  decidedAt: Date | null;
  result: string | null;
  resultReason: string | null;
}

const zero = (): ColumnCounts =>
  Object.fromEntries(APPLICATION_TABLE_COLUMNS.map((column) => [column, 0])) as ColumnCounts;

function add(counts: ColumnCounts, requesterType: string | null): void {
  const column = (APPLICATION_REQUESTER_TYPES as readonly string[]).includes(requesterType ?? '')
    ? (requesterType as keyof ColumnCounts)
    : 'other_organisation';
  counts[column] += 1;
  counts.total += 1;
}

/**
 * Shared by the complaints service (GET /cases/application-table) and the reports service (the
 * annual report), so both fill the form by the same rule.
 *
 * The standard table of disclosure applications for a period, by business time: received in the
 * period (row 1); open at its start (row 2: received before it, not decided before it); decided in
 * it, by result and reason (row 3); still open at its end (row 4). Each application open at some
 * time in the period is on both sides exactly once, so row 1 + row 2 = row 3 (七) + row 4 per column.
 */
export function applicationTable(
  applications: readonly TableApplication[],
  period: TablePeriod,
): ApplicationTable {
  const received = zero();
  const carriedIn = zero();
  const decided = zero();
  const carriedOut = zero();
  const byResult = new Map<string, ColumnCounts>();
  for (const application of applications) {
    const { receivedAt, decidedAt } = application;
    if (receivedAt > period.end) continue;
    if (decidedAt && decidedAt < period.start) continue;
    if (receivedAt >= period.start) add(received, application.requesterType);
    else add(carriedIn, application.requesterType);
    if (decidedAt && decidedAt <= period.end) {
      add(decided, application.requesterType);
      const resultKey = `result.${application.result}`;
      for (const key of [
        resultKey,
        ...(application.resultReason ? [`${resultKey}.${application.resultReason}`] : []),
      ]) {
        const counts = byResult.get(key) ?? zero();
        add(counts, application.requesterType);
        byResult.set(key, counts);
      }
    } else add(carriedOut, application.requesterType);
  }
  const rows: ApplicationTable['rows'] = [
    { key: 'received', label: '一、本年新收政府信息公开申请数量', counts: received },
    { key: 'carried_in', label: '二、上年结转政府信息公开申请数量', counts: carriedIn },
  ];
  for (const [result, definition] of Object.entries(APPLICATION_RESULTS)) {
    rows.push({
      key: `result.${result}`,
      label: definition.label,
      counts: byResult.get(`result.${result}`) ?? zero(),
    });
    for (const [reason, label] of Object.entries(definition.reasons as Record<string, string>)) {
      const key = `result.${result}.${reason}`;
      rows.push({ key, label, counts: byResult.get(key) ?? zero() });
    }
  }
  rows.push({ key: 'decided_total', label: '（七）总计', counts: decided });
  rows.push({ key: 'carried_out', label: '四、结转下年度继续办理', counts: carriedOut });
  const invariantHolds = APPLICATION_TABLE_COLUMNS.every(
    (column) => received[column] + carriedIn[column] === decided[column] + carriedOut[column],
  );
  return { from: period.from, to: period.to, rows, invariantHolds };
}
