import { Injectable } from '@nestjs/common';
import type { Actor } from '@gongkai/contracts';
import { BOOTSTRAP_ADMIN_CLIENT_ID, type ApiClient } from './api-key.resolver';

export interface AuthorizationRequest {
  actor: Actor;
  /** From the route's `@Action()`, e.g. `departments.create`; `METHOD /route` when a route names none. */
  action: string;
}

/**
 * Decides whether an authenticated actor may do what a route does. The permissions service
 * answers "may subject S do action A in scope D?"; the implementation that asks it (with a
 * cache of DECISION_CACHE_TTL_MS) replaces BootstrapAuthorizationService when that service's
 * issue lands, without touching the guard or the controllers.
 */
export abstract class AuthorizationService {
  abstract mayActForPersons(client: ApiClient): Promise<boolean>;
  abstract isAllowed(request: AuthorizationRequest): Promise<boolean>;
}

/**
 * Until the permissions service decides: the bootstrap admin client may do everything and act
 * for any person; a person authenticated by JWT (or acted for) may call every route.
 */
@Injectable()
export class BootstrapAuthorizationService extends AuthorizationService {
  async mayActForPersons(client: ApiClient): Promise<boolean> {
    return client.id === BOOTSTRAP_ADMIN_CLIENT_ID && client.mayActForPersons;
  }

  async isAllowed({ actor }: AuthorizationRequest): Promise<boolean> {
    if (actor.kind === 'person') return true;
    return actor.kind === 'client' && actor.id === BOOTSTRAP_ADMIN_CLIENT_ID;
  }
}
