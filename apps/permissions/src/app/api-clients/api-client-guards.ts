import { DomainError, PermissionsErrorReasons, type ApiClient } from '@gongkai/contracts';

export function requireActiveClient(client: ApiClient | null, id: string): ApiClient {
  if (!client)
    throw DomainError.because(
      PermissionsErrorReasons.API_CLIENT_NOT_FOUND,
      `API client ${id} does not exist`,
      { id },
    );
  if (client.status !== 'active') {
    throw DomainError.because(
      PermissionsErrorReasons.API_CLIENT_REVOKED,
      `API client ${client.name} was revoked at ${client.revokedAt ?? 'an earlier time'}; create a new client`,
      { id, status: client.status },
    );
  }
  return client;
}
