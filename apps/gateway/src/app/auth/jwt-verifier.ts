import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { GatewayConfig } from '@gongkai/config';
import { GATEWAY_CONFIG } from '../config/gateway-config.token';

/** Verifies `Authorization: Bearer` tokens: HS256, signed with JWT_SECRET, issued by JWT_ISSUER. */
@Injectable()
export class JwtVerifier {
  constructor(
    private readonly jwtService: JwtService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** The person id (`sub`) of a valid token, or null for any invalid, expired or foreign token. */
  async personIdOf(token: string): Promise<string | null> {
    const secret = this.config.auth.jwtSecret;
    if (!secret) return null;
    try {
      const claims = await this.jwtService.verifyAsync<{ sub?: unknown }>(token, {
        secret,
        algorithms: ['HS256'],
        issuer: this.config.auth.jwtIssuer,
      });
      return typeof claims.sub === 'string' && claims.sub.length > 0 ? claims.sub : null;
    } catch {
      return null;
    }
  }
}
