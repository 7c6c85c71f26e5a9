import { z } from 'zod';
import { ConfigError, formatEnvIssues, loadChainCheckpointKey, type Env } from '@gongkai/config';
import { APPROVER_POLICIES, type ApproverPolicy } from '@gongkai/contracts';

/** Variables only the permissions service reads (docs/configuration.md). */
export const PermissionsEnvSchema = z.object({
  /** Who may approve permission-change requests: `admin`, or `admin_or_reviewer` (the department's reviewer too). */
  PERMISSION_REQUEST_APPROVERS: z.enum(APPROVER_POLICIES).default('admin_or_reviewer'),
  /** How often the service starts future bindings and ends expired ones, in milliseconds. */
  BINDING_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(5000),
  /** Bindings started or ended per sweep transaction; the sweep repeats until none are due. */
  BINDING_SWEEP_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(200),
  /**
   * The server key API key secrets are stored under (HMAC-SHA-256). Required in production;
   * changing it invalidates every issued key (rotate each client's key afterwards).
   */
  API_KEY_HMAC_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

/** Outside production only: keys then stay verifiable across restarts without configuration. */
export const DEVELOPMENT_API_KEY_HMAC_SECRET = 'gongkai-development-api-key-hmac-secret-not-for-production';

export interface PermissionsConfig {
  approvers: ApproverPolicy;
  sweep: { intervalMs: number; batchSize: number };
  /** API_KEY_HMAC_SECRET (a development default outside production). */
  apiKeyHmacSecret: string;
  /** CHAIN_CHECKPOINT_KEY: signs the audit chain's checkpoints (a development default outside production). */
  chainCheckpointKey: string;
}

export const PERMISSIONS_CONFIG = Symbol('PERMISSIONS_CONFIG');

/** Parsed once at boot (main.ts), before migrations run, so a bad value stops the service at once. */
export function loadPermissionsConfig(env: Env = process.env): PermissionsConfig {
  const result = PermissionsEnvSchema.safeParse(env);
  if (!result.success) throw new ConfigError('permissions', formatEnvIssues(result.error));
  if (result.data.NODE_ENV === 'production' && !result.data.API_KEY_HMAC_SECRET) {
    throw new ConfigError(
      'permissions',
      '  API_KEY_HMAC_SECRET: required in production (at least 32 random characters, e.g. `openssl rand -hex 32`)',
    );
  }
  return {
    approvers: result.data.PERMISSION_REQUEST_APPROVERS,
    sweep: {
      intervalMs: result.data.BINDING_SWEEP_INTERVAL_MS,
      batchSize: result.data.BINDING_SWEEP_BATCH_SIZE,
    },
    apiKeyHmacSecret: result.data.API_KEY_HMAC_SECRET ?? DEVELOPMENT_API_KEY_HMAC_SECRET,
    chainCheckpointKey: loadChainCheckpointKey('permissions', env),
  };
}
