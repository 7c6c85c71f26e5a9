import { z } from 'zod';
import { formatEnvIssues } from './env-schema';
import { ConfigError, type Env } from './service-config';

const ChainCheckpointEnvSchema = z.object({
  /**
   * The key the hash chains' checkpoints are signed with (HMAC-SHA-256), read by the services that
   * keep a chain (permissions: the audit log; catalogue: the publication ledger). Required in
   * production; changing it makes the checkpoints published before the change `signature_invalid`
   * until the next append publishes a new one.
   */
  CHAIN_CHECKPOINT_KEY: z.string().min(32, 'use at least 32 characters').optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

/** Outside production only, so a development install verifies without configuration. */
export const DEVELOPMENT_CHAIN_CHECKPOINT_KEY = 'gongkai-development-chain-checkpoint-key-not-for-production';

export function loadChainCheckpointKey(service: string, env: Env = process.env): string {
  const result = ChainCheckpointEnvSchema.safeParse(env);
  if (!result.success) throw new ConfigError(service, formatEnvIssues(result.error));
  if (result.data.NODE_ENV === 'production' && !result.data.CHAIN_CHECKPOINT_KEY) {
    throw new ConfigError(
      service,
      '  CHAIN_CHECKPOINT_KEY: required in production (at least 32 random characters, e.g. `openssl rand -hex 32`)',
    );
  }
  return result.data.CHAIN_CHECKPOINT_KEY ?? DEVELOPMENT_CHAIN_CHECKPOINT_KEY;
}
