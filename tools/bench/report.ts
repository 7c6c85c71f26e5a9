/** What a bench hands back: tables for people, data for the JSON line, and whether it held up. */
export interface BenchReport {
  bench: string;
  ok: boolean;
  /** Why the bench did not run (e.g. the apps are not built), with what to do about it. */
  skipped?: string;
  tables: Table[];
  notes: string[];
  data: Record<string, unknown>;
}

export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

export function formatTable(table: Table): string {
  const cells = [table.columns, ...table.rows.map((row) => row.map(formatCell))];
  const widths = table.columns.map((_, column) =>
    Math.max(...cells.map((row) => String(row[column] ?? '').length)),
  );
  const line = (row: (string | number)[]) =>
    row
      .map((cell, column) => {
        const text = String(cell);
        // Names left, figures right, as in any table of measurements.
        return column === 0 ? text.padEnd(widths[column] ?? 0) : text.padStart(widths[column] ?? 0);
      })
      .join('  ');
  const [header, ...body] = cells;
  return [
    table.title,
    line(header ?? []),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...body.map(line),
  ].join('\n');
}

function formatCell(cell: string | number): string {
  if (typeof cell === 'string') return cell;
  if (Number.isNaN(cell)) return '–';
  return Number.isInteger(cell) ? String(cell) : cell.toFixed(1);
}
