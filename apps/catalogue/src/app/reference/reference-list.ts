import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Cycle } from '@gongkai/contracts';
// Imported (not read from disk) so webpack bundles it: builds, images and CI need nothing outside the repo.
// A copy of ../shared/reference/moe-disclosure-list.json; replace both together.
import referenceJson from '../../reference/moe-disclosure-list.json';
import type { CategoryRecord } from '../categories/categories.repository';
import type { NewItem } from '../items/items.repository';
import { canonicalJson } from '../publications/publication-hash';

const ReferenceListSchema = z.object({
  source: z.string(),
  rules_from_notice: z.object({ update_within_working_days_after_change: z.number().int().positive() }),
  categories: z
    .array(
      z.object({
        code: z.string().min(1),
        name: z.string().min(1),
        name_variants: z.array(z.string()).optional(),
        items: z.array(
          z.object({
            no: z.number().int().positive(),
            title: z.string().min(1),
            uncertain: z.boolean().optional(),
            note: z.string().optional(),
          }),
        ),
      }),
    )
    .min(1),
});
export type ReferenceList = z.infer<typeof ReferenceListSchema>;

export const MOE_LIST_CITATION = '《高等学校信息公开事项清单》（教办函〔2014〕23号）';

/** The Ministry's item number as a catalogue code: 7 → MOE-07. */
export function moeItemCode(no: number): string {
  return `MOE-${String(no).padStart(2, '0')}`;
}

/**
 * Update rhythms the list itself states. Only the annual report has a fixed date (每年10月底前,
 * covering the academic year to 31 August), so it is due in a September–October window; the
 * other items are published on change until the office sets their rhythm.
 */
const CYCLES_BY_ITEM: Record<number, Cycle> = {
  6: { kind: 'annual_window', startMonth: 9, endMonth: 10 },
};

export interface ReferenceSeed {
  sha256: string;
  source: string;
  defaultTimeLimitDays: number;
  categories: CategoryRecord[];
  items: Omit<NewItem, 'id'>[];
}

export function loadReferenceList(json: unknown = referenceJson): ReferenceSeed {
  const list = ReferenceListSchema.parse(json);
  return {
    sha256: createHash('sha256').update(canonicalJson(json)).digest('hex'),
    source: list.source,
    defaultTimeLimitDays: list.rules_from_notice.update_within_working_days_after_change,
    categories: list.categories.map((category, index) => ({
      code: category.code,
      name: category.name,
      nameVariants: category.name_variants ?? [],
      origin: 'moe',
      sortOrder: index + 1,
    })),
    items: list.categories.flatMap((category) =>
      category.items.map((item) => ({
        code: moeItemCode(item.no),
        moeItemNo: String(item.no),
        title: item.title,
        categoryCode: category.code,
        description: null,
        legalBasis: `${MOE_LIST_CITATION}第${item.no}项`,
        scope: 'public' as const,
        cycle: CYCLES_BY_ITEM[item.no] ?? { kind: 'on_change' as const },
        timeLimitDays: null,
        channels: ['disclosure_site' as const],
        columnUrl: null,
        status: 'active' as const,
        origin: 'moe' as const,
        uncertain: item.uncertain === true,
        uncertaintyNote: item.uncertain
          ? (item.note ?? 'Wording not confirmed against the Ministry original')
          : null,
      })),
    ),
  };
}
