import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isCalendarDate, mergeHolidayData, type YearData } from './working-days';

const DateSchema = z.string().refine(isCalendarDate, 'a date as YYYY-MM-DD');

const YearSchema = z
  .object({
    notice: z.string().trim().min(1, 'name the State Council notice (e.g. 国办发明电〔2026〕X号)'),
    holidays: z
      .array(
        z
          .tuple([DateSchema, DateSchema])
          .refine(([from, to]) => from <= to, 'a range runs from its first day to its last'),
      )
      .max(20),
    workdays: z
      .array(DateSchema)
      .max(20)
      .refine(
        (days) => days.every((day) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())),
        '调休 workdays are Saturdays or Sundays worked instead',
      ),
  })
  .strict();

/**
 * The shape of a HOLIDAYS_FILE, the same as the built-in cn-holidays.json: a year's holidays
 * (放假, inclusive ranges) and its 调休 working weekend days, as its State Council notice gives them.
 */
export const HolidayFileSchema = z
  .object({
    description: z.string().optional(),
    source: z.string().optional(),
    years: z.record(z.string().regex(/^\d{4}$/, 'a year such as 2027'), YearSchema),
  })
  .strict()
  .superRefine((file, context) => {
    for (const [year, data] of Object.entries(file.years)) {
      const outside = [...data.holidays.flat(), ...data.workdays].filter(
        (day) => !day.startsWith(`${Number(year) - 1}-12`) && !day.startsWith(`${year}-`),
      );
      if (outside.length > 0)
        context.addIssue({
          code: 'custom',
          path: ['years', year],
          message: `dates outside ${year}: ${outside.join(', ')}`,
        });
    }
  });
export type HolidayFile = z.infer<typeof HolidayFileSchema>;

/**
 * Reads extra holiday data (HOLIDAYS_FILE) and merges it over the built-in years, so a year's
 * holidays and 调休 days can be added, or corrected, without a release. Throws with every problem
 * named when the file cannot be read or is not valid: a service then refuses to start rather than
 * count deadlines on a wrong calendar.
 */
export function loadHolidayFile(path: string): number[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`HOLIDAYS_FILE ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  const parsed = HolidayFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`)
      .join('\n');
    throw new Error(`HOLIDAYS_FILE ${path} is not valid holiday data:\n${problems}`);
  }
  return mergeHolidayData(parsed.data.years as Record<string, YearData>);
}
