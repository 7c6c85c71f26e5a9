import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import {
  CaseCategoryCodeSchema,
  CaseContentSchema,
  CaseTitleSchema,
  ExternalNoSchema,
  caseText,
} from '@gongkai/contracts';

/** An instant with its offset, as the city sends it. */
const IsoTimestampSchema = z.iso.datetime({ offset: true });

/** One city transfer, as a JSON row or a CSV line with these column names. */
export const CityTransferSchema = z
  .object({
    externalNo: ExternalNoSchema,
    receivedAt: IsoTimestampSchema,
    cityDueAt: IsoTimestampSchema.optional(),
    category: CaseCategoryCodeSchema,
    title: CaseTitleSchema,
    content: CaseContentSchema,
    requesterName: caseText(100),
    requesterContact: caseText(200),
  })
  .strict();
export type CityTransfer = z.infer<typeof CityTransferSchema>;

export const CSV_COLUMNS = Object.keys(CityTransferSchema.shape);

export type CsvProblem = { line: number | null; message: string };

/**
 * Reads a CSV batch (first line the column names) with csv-parse: quoted fields, embedded commas
 * and line breaks, a UTF-8 BOM. Empty optional cells become absent. A document that cannot be read
 * as a whole (unbalanced quotes, a line with the wrong number of cells) is one problem, with its line.
 */
export function readCsv(text: string): { rows: Record<string, unknown>[] } | { problem: CsvProblem } {
  try {
    const records = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<
      string,
      string
    >[];
    return {
      rows: records.map((record) =>
        Object.fromEntries(Object.entries(record).filter(([, value]) => value !== '')),
      ),
    };
  } catch (error) {
    const info = error as { lines?: number; message?: string };
    return { problem: { line: info.lines ?? null, message: info.message ?? String(error) } };
  }
}

/** A row checked on its own: the transfer, or its problems by field. */
export function checkRow(
  row: unknown,
  now: Date,
): { transfer: CityTransfer } | { errors: { field: string; message: string }[] } {
  const parsed = CityTransferSchema.safeParse(row);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((issue) => ({
        field: issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '(row)'),
        message: issue.message,
      })),
    };
  }
  if (new Date(parsed.data.receivedAt).getTime() > now.getTime() + 60_000) {
    return { errors: [{ field: 'receivedAt', message: 'lies in the future' }] };
  }
  return { transfer: parsed.data };
}
