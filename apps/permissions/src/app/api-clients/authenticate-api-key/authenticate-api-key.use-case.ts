import { Injectable } from '@nestjs/common';
import { DomainError, PermissionsErrorReasons, type AuthenticatedClient } from '@gongkai/contracts';
import { decoySecretHash, parseApiKey, verifySecret } from '../api-key';
import { ApiClientsRepository } from '../api-clients.repository';

/**
 * Whether an `X-Api-Key` is valid. One answer for every failure (malformed, unknown, revoked,
 * wrong secret), after the same scrypt work, so the reply tells an attacker nothing about which
 * client ids exist.
 */
@Injectable()
export class AuthenticateApiKeyUseCase {
  constructor(private readonly apiClientsRepository: ApiClientsRepository) {}

  async execute(apiKey: string): Promise<AuthenticatedClient> {
    const parsed = parseApiKey(apiKey);
    const found = parsed ? await this.apiClientsRepository.credentialsOf(parsed.clientId) : null;
    const matches = await verifySecret(
      parsed?.secret ?? 'x'.repeat(43),
      found?.secretHash ?? (await decoySecretHash()),
    );
    if (!found || !matches || found.client.status !== 'active') {
      throw DomainError.because(
        PermissionsErrorReasons.API_KEY_INVALID,
        'The API key is not valid; check it or ask for a new one',
      );
    }
    return {
      clientId: found.client.id,
      name: found.client.name,
      mayActForPersons: found.client.mayActForPersons,
      mayBackdate: found.client.mayBackdate,
    };
  }
}
