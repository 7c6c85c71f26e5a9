import { z } from 'zod';
import { ConfigError, formatEnvIssues, type Env } from '@gongkai/config';

/** Variables only the rounds service reads (docs/configuration.md). */
export const RoundsEnvSchema = z.object({
  /**
   * A JSON file of extra holiday data (the shape of libs/calendar/src/cn-holidays.json), merged
   * over the built-in years at boot: a year's holidays and 调休 days without a release.
   */
  HOLIDAYS_FILE: z.string().min(1).optional(),
  /** How often the reminder and escalation pass runs, in milliseconds. */
  ROUNDS_NOTICE_INTERVAL_MS: z.coerce.number().int().min(50).max(86_400_000).default(60_000),
  /** Tasks handled per transaction of the pass; it repeats until nothing is due. */
  ROUNDS_NOTICE_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
  /** A pause between the pass's transactions, so a big round does not hold the database (0: none). */
  ROUNDS_NOTICE_BATCH_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).default(0),
});

export interface RoundsConfig {
  holidaysFile: string | null;
  notices: { intervalMs: number; batchSize: number; batchPauseMs: number };
}

export const ROUNDS_CONFIG = Symbol('ROUNDS_CONFIG');

/** Parsed once at boot (main.ts), before migrations run, so a bad value stops the service at once. */
export function loadRoundsConfig(env: Env = process.env): RoundsConfig {
  const result = RoundsEnvSchema.safeParse(env);
  if (!result.success) throw new ConfigError('rounds', formatEnvIssues(result.error));
  return {
    holidaysFile: result.data.HOLIDAYS_FILE ?? null,
    notices: {
      intervalMs: result.data.ROUNDS_NOTICE_INTERVAL_MS,
      batchSize: result.data.ROUNDS_NOTICE_BATCH_SIZE,
      batchPauseMs: result.data.ROUNDS_NOTICE_BATCH_PAUSE_MS,
    },
  };
}
