import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '@gongkai/config';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';

export const BOOTSTRAP_ADMIN_CLIENT_ID = 'bootstrap-admin';

/** An API client as authenticated by its key. */
export interface ApiClient {
  id: string;
  /** May send `X-Acting-Person` to act for a signed-in person. */
  mayActForPersons: boolean;
}

/**
 * Finds the API client a presented `X-Api-Key` belongs to, or null. The seam for campus
 * clients: their keys are stored hashed by the permissions service (`/api-clients`), and a
 * resolver that hashes the presented key and looks the hash up there plugs in here.
 */
export abstract class ApiKeyResolver {
  abstract resolve(presentedKey: string): Promise<ApiClient | null>;
}

/** Knows one key: BOOTSTRAP_ADMIN_API_KEY, so a fresh install can be administered. */
@Injectable()
export class BootstrapApiKeyResolver extends ApiKeyResolver {
  private readonly bootstrapKeyDigest: Buffer | undefined;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    super();
    const key = config.auth.bootstrapAdminApiKey;
    this.bootstrapKeyDigest = key ? sha256(key) : undefined;
  }

  async resolve(presentedKey: string): Promise<ApiClient | null> {
    if (!this.bootstrapKeyDigest) return null;
    // Comparing fixed-length digests in constant time leaks neither the key nor its length.
    if (!timingSafeEqual(sha256(presentedKey), this.bootstrapKeyDigest)) return null;
    return { id: BOOTSTRAP_ADMIN_CLIENT_ID, mayActForPersons: true };
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
