import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '@gongkai/config';
import {
  API_KEY_PATTERN,
  AuthenticatedClientSchema,
  BOOTSTRAP_ADMIN_CLIENT_ID,
  ErrorCode,
  PermissionsRpc,
  type AuthenticatedClient,
} from '@gongkai/contracts';
import { RemoteCallError, ServiceClient } from '@gongkai/messaging';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { GatewayError } from '../errors/gateway.error';
import { ApiClientCache, apiKeyDigestOf } from './api-client.cache';
import { AuthMetrics } from './auth.metrics';
import { RefusedApiKeys } from './refused-api-keys';

/** An API client as authenticated by its key. */
export interface ApiClient {
  id: string;
  name: string;
  /** May send `X-Acting-Person` to act for a signed-in person. */
  mayActForPersons: boolean;
  mayBackdate: boolean;
}

/** Finds the API client a presented `X-Api-Key` belongs to, or null. */
export abstract class ApiKeyResolver {
  abstract resolve(presentedKey: string, correlationId: string): Promise<ApiClient | null>;
  /** The client of a key that authenticated recently, from memory only (no round trip); else undefined. */
  abstract recentlyAuthenticated(presentedKey: string): ApiClient | undefined;
}

/** The bootstrap admin key (BOOTSTRAP_ADMIN_API_KEY): its id is what the decision client allows everything. */
const BOOTSTRAP_CLIENT: ApiClient = {
  id: BOOTSTRAP_ADMIN_CLIENT_ID,
  name: 'Bootstrap administrator (BOOTSTRAP_ADMIN_API_KEY)',
  mayActForPersons: true,
  mayBackdate: true,
};

/**
 * The bootstrap admin key, compared in constant time; every other key of the campus format is
 * verified by the permissions service (`permissions.api-clients.authenticate`, keys stored hashed
 * there) and kept for a short while under the key's SHA-256, never the key itself; a refused key
 * is refused again from memory for a minute (RefusedApiKeys), without a round trip.
 */
@Injectable()
export class PermissionsApiKeyResolver extends ApiKeyResolver {
  private readonly bootstrapKeyDigest: Buffer | undefined;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly serviceClient: ServiceClient,
    private readonly apiClientCache: ApiClientCache,
    private readonly authMetrics: AuthMetrics,
    private readonly refusedKeys: RefusedApiKeys,
  ) {
    super();
    const key = config.auth.bootstrapAdminApiKey;
    this.bootstrapKeyDigest = key ? sha256(key) : undefined;
  }

  async resolve(presentedKey: string, correlationId: string): Promise<ApiClient | null> {
    if (this.isBootstrapKey(presentedKey)) return BOOTSTRAP_CLIENT;
    // Anything else that cannot be a campus key is refused without a round trip.
    if (!API_KEY_PATTERN.test(presentedKey)) return null;
    const digest = apiKeyDigestOf(presentedKey);
    const cached = this.apiClientCache.get(digest);
    if (cached) {
      this.authMetrics.hit('api_key');
      return cached;
    }
    if (this.refusedKeys.has(digest)) {
      this.authMetrics.hit('api_key_refused');
      return null;
    }
    this.authMetrics.miss('api_key');
    const generation = this.apiClientCache.generation;
    const client = await this.authenticate(presentedKey, correlationId);
    if (client) this.apiClientCache.set(digest, client, generation);
    else this.refusedKeys.add(digest);
    return client;
  }

  recentlyAuthenticated(presentedKey: string): ApiClient | undefined {
    if (this.isBootstrapKey(presentedKey)) return BOOTSTRAP_CLIENT;
    if (!API_KEY_PATTERN.test(presentedKey)) return undefined;
    return this.apiClientCache.get(apiKeyDigestOf(presentedKey));
  }

  /** Fixed-length digests compared in constant time leak neither the key nor its length. */
  private isBootstrapKey(presentedKey: string): boolean {
    return !!this.bootstrapKeyDigest && timingSafeEqual(sha256(presentedKey), this.bootstrapKeyDigest);
  }

  private async authenticate(apiKey: string, correlationId: string): Promise<ApiClient | null> {
    let reply: unknown;
    try {
      reply = await this.serviceClient.request(
        PermissionsRpc.authenticateApiKey,
        { apiKey },
        { actor: { kind: 'system', id: 'gateway' }, correlationId },
      );
    } catch (error) {
      if (error instanceof RemoteCallError && REFUSALS.has(error.code)) return null;
      throw new GatewayError(
        ErrorCode.UNAVAILABLE,
        'The API key could not be checked: the permissions service is not answering. Nothing was done; retry in a few seconds.',
      );
    }
    const client = AuthenticatedClientSchema.safeParse(reply);
    if (!client.success) {
      throw new GatewayError(
        ErrorCode.INTERNAL,
        'The permissions service answered the API key check with an unexpected shape. Nothing was done; report the correlation id to the operators.',
      );
    }
    return toApiClient(client.data);
  }
}

/** Answers that mean "this key is not valid", as opposed to "could not check". */
const REFUSALS = new Set<string>([
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.NOT_FOUND,
  ErrorCode.FORBIDDEN,
  ErrorCode.VALIDATION_FAILED,
]);

function toApiClient(client: AuthenticatedClient): ApiClient {
  return {
    id: client.clientId,
    name: client.name,
    mayActForPersons: client.mayActForPersons,
    mayBackdate: client.mayBackdate,
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
