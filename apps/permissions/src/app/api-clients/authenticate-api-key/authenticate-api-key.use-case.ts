import { Inject, Injectable } from '@nestjs/common';
import { DomainError, PermissionsErrorReasons, type AuthenticatedClient } from '@gongkai/contracts';
import { PERMISSIONS_CONFIG, type PermissionsConfig } from '../../config/permissions-config';
import { decoySecretHash, parseApiKey, verifySecret } from '../api-key';
import { ApiClientsRepository } from '../api-clients.repository';

/**
 * Whether an `X-Api-Key` is valid. One answer for every failure (malformed, unknown, revoked,
 * wrong secret), after the same HMAC work, so the reply tells an attacker nothing about which
 * client ids exist. A key still stored as scrypt (issued before HMAC) verifies once more with
 * scrypt and is rewritten as HMAC.
 */
@Injectable()
export class AuthenticateApiKeyUseCase {
  constructor(
    private readonly apiClientsRepository: ApiClientsRepository,
    @Inject(PERMISSIONS_CONFIG) private readonly config: PermissionsConfig,
  ) {}

  async execute(apiKey: string): Promise<AuthenticatedClient> {
    const serverKey = this.config.apiKeyHmacSecret;
    const parsed = parseApiKey(apiKey);
    const found = parsed ? await this.apiClientsRepository.credentialsOf(parsed.clientId) : null;
    const verified = await verifySecret(
      parsed?.secret ?? 'x'.repeat(43),
      found?.secretHash ?? decoySecretHash(serverKey),
      serverKey,
    );
    if (!found || !verified.valid || found.client.status !== 'active') {
      throw DomainError.because(
        PermissionsErrorReasons.API_KEY_INVALID,
        'The API key is not valid; check it or ask for a new one',
      );
    }
    if (verified.upgrade) {
      await this.apiClientsRepository.upgradeSecretHash(found.client.id, found.secretHash, verified.upgrade);
    }
    return {
      clientId: found.client.id,
      name: found.client.name,
      mayActForPersons: found.client.mayActForPersons,
      mayBackdate: found.client.mayBackdate,
    };
  }
}
