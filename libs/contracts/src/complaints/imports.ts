import { z } from 'zod';

/** At most this many rows in one batch (the city sends a day's transfers at a time). */
export const MAX_IMPORT_ROWS = 2000;

/**
 * One city transfer as the 12345 connector sends it (JSON row, or CSV columns of these names).
 * Checked row by row by the service, so one bad row is reported, not the whole batch refused.
 */
export const CityTransferRowSchema = z.record(z.string(), z.unknown());

/**
 * `complaints.imports.city` (POST /cases/imports/city-12345): a batch of city transfers, JSON
 * `rows` or a CSV document (`csv`, first line the column names: externalNo, receivedAt, cityDueAt,
 * category, title, content, requesterName, requesterContact). Idempotent on the city's ticket
 * number: a row already imported is `already_present`, nothing is created again. Valid rows are
 * imported and bad rows reported (each with its reason), all in one transaction: a failure while
 * writing leaves nothing of the batch.
 */
export const ImportCityBatchSchema = z
  .object({
    rows: z.array(CityTransferRowSchema).min(1).max(MAX_IMPORT_ROWS).optional(),
    csv: z.string().min(1).max(900_000).optional(),
    /** The city's batch id, kept with every case created from it. */
    batchRef: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .refine((body) => (body.rows === undefined) !== (body.csv === undefined), {
    message: 'send either rows (JSON) or csv, not both',
    path: ['rows'],
  });
export type ImportCityBatch = z.infer<typeof ImportCityBatchSchema>;

export const IMPORT_ROW_OUTCOMES = ['created', 'already_present', 'rejected'] as const;

export const ImportRowResultSchema = z.object({
  /** 1-based, in the order sent (CSV: the data line, header not counted). */
  row: z.number().int(),
  externalNo: z.string().nullable(),
  outcome: z.enum(IMPORT_ROW_OUTCOMES),
  caseId: z.uuid().nullable(),
  trackingNo: z.string().nullable(),
  /** Why a row was rejected: each problem with its field. */
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type ImportRowResult = z.infer<typeof ImportRowResultSchema>;

export const ImportResultSchema = z.object({
  batchRef: z.string().nullable(),
  created: z.number().int(),
  alreadyPresent: z.number().int(),
  rejected: z.number().int(),
  rows: z.array(ImportRowResultSchema),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
