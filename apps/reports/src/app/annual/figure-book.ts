import type { FigureItems, ReportFigure, ReportSectionId } from '@gongkai/contracts';

export type FigureItem = FigureItems['items'][number];

export interface BookedFigure extends ReportFigure {
  rule: string;
  items: FigureItem[];
}

/** Four decimals, null when nothing is counted: the same rate every time from the same counts. */
export const rate = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;

/** The figures of a report in the order they were added, each with its rule and its items. */
export class FigureBook {
  private readonly figures = new Map<string, BookedFigure>();

  count(
    id: string,
    section: ReportSectionId,
    label: string,
    items: readonly FigureItem[],
    rule: string,
  ): number {
    this.put({ id, section, label, unit: 'count', value: items.length, rule, items: [...items] });
    return items.length;
  }

  rate(
    id: string,
    section: ReportSectionId,
    label: string,
    numerator: number,
    denominatorItems: readonly FigureItem[],
    rule: string,
  ): number | null {
    const value = rate(numerator, denominatorItems.length);
    this.put({ id, section, label, unit: 'rate', value, rule, items: [...denominatorItems] });
    return value;
  }

  /** A figure no service records (the value is null, the rule says why). */
  unrecorded(id: string, section: ReportSectionId, label: string, rule: string): void {
    this.put({ id, section, label, unit: 'count', value: null, rule, items: [] });
  }

  get(id: string): BookedFigure | undefined {
    return this.figures.get(id);
  }

  value(id: string): number | null {
    return this.figures.get(id)?.value ?? null;
  }

  all(): BookedFigure[] {
    return [...this.figures.values()];
  }

  idsOf(section: ReportSectionId): string[] {
    return this.all()
      .filter((figure) => figure.section === section)
      .map((figure) => figure.id);
  }

  private put(figure: BookedFigure): void {
    if (this.figures.has(figure.id)) throw new Error(`Figure ${figure.id} is booked twice`);
    figure.items.sort((a, b) => (a.on ?? '').localeCompare(b.on ?? '') || a.ref.localeCompare(b.ref));
    this.figures.set(figure.id, figure);
  }
}

/** Shown as 98.4% in the text. */
export const percent = (value: number | null): string =>
  value === null ? '—' : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
