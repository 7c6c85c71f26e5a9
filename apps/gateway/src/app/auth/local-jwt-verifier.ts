import { Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '@gongkai/config';
import { jwtVerify } from 'jose';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';
import { refusalOf, type TokenRefusal } from './token-refusal';

export type LocalTokenCheck = { ok: true; personId: string } | ({ ok: false } & TokenRefusal);

/**
 * This installation's own bearer tokens: HS256 under JWT_SECRET, with `exp`, `iat`, `sub`,
 * `iss` = JWT_ISSUER and `aud` = JWT_AUDIENCE required, and no older than JWT_MAX_AGE_SECONDS
 * whatever their `exp` says (a token minted to live for a year is still refused after that).
 */
@Injectable()
export class LocalJwtVerifier {
  private readonly secret: Uint8Array | undefined;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.secret = config.auth.jwtSecret ? new TextEncoder().encode(config.auth.jwtSecret) : undefined;
  }

  get enabled(): boolean {
    return this.secret !== undefined;
  }

  async verify(token: string): Promise<LocalTokenCheck> {
    const { jwtIssuer, jwtAudience, jwtMaxAgeSeconds } = this.config.auth;
    const expected = {
      issuer: jwtIssuer,
      audience: jwtAudience,
      maxAgeSeconds: jwtMaxAgeSeconds,
      signIn: 'Sign in again for a new token.',
    };
    if (!this.secret) {
      return {
        ok: false,
        detail: `This installation issues no bearer tokens of its own (JWT_SECRET is not set). ${expected.signIn}`,
      };
    }
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: jwtIssuer,
        audience: jwtAudience,
        maxTokenAge: jwtMaxAgeSeconds,
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      return { ok: true, personId: String(payload.sub) };
    } catch (error) {
      return { ok: false, ...refusalOf(error, expected) };
    }
  }
}
