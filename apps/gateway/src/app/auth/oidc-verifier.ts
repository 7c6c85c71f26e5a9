import { Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '@gongkai/config';
import { ErrorCode } from '@gongkai/contracts';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { GatewayError } from '../errors/gateway.error';
import { refusalOf, type TokenRefusal } from './token-refusal';

export type OidcTokenCheck = { ok: true; staffNo: string } | ({ ok: false } & TokenRefusal);

const DiscoverySchema = z.object({ issuer: z.string().min(1), jwks_uri: z.url() });
const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
const PROVIDER_TIMEOUT_MS = 3000;

interface Provider {
  issuer: string;
  keys: JWTVerifyGetKey;
}

/**
 * Campus SSO: OpenID Connect access tokens from the university's identity provider, verified
 * against its key set (JWKS) with jose. The provider is found through OIDC_DISCOVERY_URL on first
 * use (and again after a failed attempt); jose keeps its keys for OIDC_JWKS_CACHE_MS and fetches
 * them again when a token names a key it does not know (at most once per OIDC_JWKS_COOLDOWN_MS),
 * so a key rotation at the provider is followed without a restart. The token must carry `exp`,
 * `iat`, `iss` = the provider's issuer, `aud` = OIDC_AUDIENCE, be no older than
 * JWT_MAX_AGE_SECONDS, and carry the staff number in OIDC_STAFF_NO_CLAIM.
 */
@Injectable()
export class OidcVerifier {
  private provider: Promise<Provider> | undefined;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  get enabled(): boolean {
    return this.config.auth.oidc !== undefined;
  }

  async verify(token: string): Promise<OidcTokenCheck> {
    const oidc = this.config.auth.oidc;
    if (!oidc)
      return { ok: false, detail: 'Campus sign-in (OpenID Connect) is not configured on this installation.' };
    const provider = await this.providerOrUnavailable();
    const expected = {
      issuer: provider.issuer,
      audience: oidc.audience,
      maxAgeSeconds: this.config.auth.jwtMaxAgeSeconds,
      signIn: 'Sign in again through the campus identity provider (统一身份认证).',
    };
    try {
      const { payload } = await jwtVerify(token, provider.keys, {
        algorithms: ASYMMETRIC_ALGORITHMS,
        issuer: provider.issuer,
        audience: oidc.audience,
        maxTokenAge: this.config.auth.jwtMaxAgeSeconds,
        requiredClaims: ['exp', 'iat', oidc.staffNoClaim],
      });
      const staffNo = payload[oidc.staffNoClaim];
      if (typeof staffNo !== 'string' || staffNo.trim() === '') {
        return {
          ok: false,
          claim: oidc.staffNoClaim,
          detail: `The token's \`${oidc.staffNoClaim}\` claim must be a staff number (a string). ${expected.signIn}`,
        };
      }
      return { ok: true, staffNo: staffNo.trim() };
    } catch (error) {
      if (isProviderOutage(error)) throw unavailable();
      return { ok: false, ...refusalOf(error, expected) };
    }
  }

  private async providerOrUnavailable(): Promise<Provider> {
    this.provider ??= this.discover();
    try {
      return await this.provider;
    } catch {
      this.provider = undefined;
      throw unavailable();
    }
  }

  private async discover(): Promise<Provider> {
    const oidc = this.config.auth.oidc;
    if (!oidc) throw new Error('OIDC is not configured');
    const response = await fetch(oidc.discoveryUrl, { signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    const discovery = DiscoverySchema.parse(await response.json());
    return {
      issuer: discovery.issuer,
      keys: createRemoteJWKSet(new URL(discovery.jwks_uri), {
        cooldownDuration: oidc.jwksCooldownMs,
        cacheMaxAge: oidc.jwksCacheMs,
        timeoutDuration: PROVIDER_TIMEOUT_MS,
      }),
    };
  }
}

function isProviderOutage(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout) return true;
  if (error instanceof errors.JOSEError) return false;
  // fetch failures (connection refused, DNS) and non-JSON key sets come through as plain errors.
  return error instanceof TypeError || (error instanceof Error && error.name === 'AbortError');
}

function unavailable(): GatewayError {
  return new GatewayError(
    ErrorCode.UNAVAILABLE,
    'The campus identity provider is not answering, so the token cannot be checked. Nothing was done; retry in a few seconds.',
  );
}
