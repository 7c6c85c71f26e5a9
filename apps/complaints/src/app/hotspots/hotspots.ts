import type { HotspotEntry, Hotspots } from '@gongkai/contracts';
import type { Period } from '../shared/period';
import { keywordsOf } from './keywords';

export interface HotspotCase {
  category: string;
  title: string;
  content: string;
}

function counts(
  cases: readonly HotspotCase[],
  keys: (item: HotspotCase) => Iterable<string>,
): Map<string, number> {
  const result = new Map<string, number>();
  for (const item of cases)
    for (const key of new Set(keys(item))) result.set(key, (result.get(key) ?? 0) + 1);
  return result;
}

function ranked(current: Map<string, number>, previous: Map<string, number>, limit: number): HotspotEntry[] {
  return [...current.entries()]
    .map(([key, count]) => ({
      key,
      count,
      previousCount: previous.get(key) ?? 0,
      change: count - (previous.get(key) ?? 0),
    }))
    .sort((a, b) => b.count - a.count || b.change - a.change || a.key.localeCompare(b.key))
    .slice(0, limit);
}

/**
 * 未诉先办: the most frequent categories and keywords of a period (cases counted once per word),
 * each with the count of the period just before it and the change.
 */
export function hotspotsOf(
  current: readonly HotspotCase[],
  previous: readonly HotspotCase[],
  periods: { current: Period; previous: Period },
  limit: number,
): Hotspots {
  const words = (item: HotspotCase) => keywordsOf(`${item.title}\n${item.content}`);
  return {
    from: periods.current.from,
    to: periods.current.to,
    previousFrom: periods.previous.from,
    previousTo: periods.previous.to,
    categories: ranked(
      counts(current, (item) => [item.category]),
      counts(previous, (item) => [item.category]),
      limit,
    ),
    keywords: ranked(counts(current, words), counts(previous, words), limit),
  };
}
