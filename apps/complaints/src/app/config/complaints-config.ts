import { z } from 'zod';
import { ConfigError, formatEnvIssues, type Env } from '@gongkai/config';
import { PolicyOverridesSchema, SlaPolicies } from '../sla/sla-policy';

/** Variables only the complaints service reads (docs/configuration.md). */
export const ComplaintsEnvSchema = z.object({
  /**
   * JSON replacing SLA policies by `<kind>` or `<kind>.<source>` (apps/complaints/README.md):
   * every limit is configuration, since the rules are being revised.
   */
  COMPLAINTS_SLA_POLICIES: z
    .string()
    .default('{}')
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(PolicyOverridesSchema),
  /** How often the periodic pass looks for warnings and overdue cases; 0 turns it off (tests run it by hand). */
  SLA_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  /** Cases the pass takes per transaction. */
  SLA_SWEEP_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(200),
});

export interface ComplaintsConfig {
  policies: SlaPolicies;
  sweep: { intervalMs: number; batchSize: number };
}

export const COMPLAINTS_CONFIG = Symbol('COMPLAINTS_CONFIG');

export function loadComplaintsConfig(env: Env = process.env): ComplaintsConfig {
  const result = ComplaintsEnvSchema.safeParse(env);
  if (!result.success) throw new ConfigError('complaints', formatEnvIssues(result.error));
  return {
    policies: new SlaPolicies(result.data.COMPLAINTS_SLA_POLICIES),
    sweep: { intervalMs: result.data.SLA_SWEEP_INTERVAL_MS, batchSize: result.data.SLA_SWEEP_BATCH_SIZE },
  };
}
