import type { AnnualReport } from '@gongkai/contracts';

/** A figure as every document writes it: a count, a rate in per cent, or 未记录 when nothing counts it. */
export const figureValue = (figure: AnnualReport['figures'][number]) =>
  figure.value === null
    ? '未记录'
    : figure.unit === 'rate'
      ? `${(Math.round(figure.value * 1000) / 10).toFixed(1)}%`
      : String(figure.value);
