import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, type Actor } from '@gongkai/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../errors/gateway.error';
import { ApiKeyResolver } from './api-key.resolver';
import { ACTION, IS_PUBLIC } from './auth.decorators';
import { AuthorizationService } from './authorization.service';
import { JwtVerifier } from './jwt-verifier';

const PUBLIC_PATH_PREFIX = '/api/v1/public/';
const BEARER = /^Bearer\s+(\S+)\s*$/i;
const PersonIdSchema = z.uuid();

/**
 * Global guard: authenticates (`X-Api-Key` or `Authorization: Bearer <jwt>`), applies
 * `X-Acting-Person`, asks AuthorizationService, and leaves the actor on the request.
 *
 * Acting for a person: the actor becomes `{ kind: 'person', id: <person>, onBehalfOf: <client> }`.
 * DESIGN.md says the decision is then that person's, so the person is the actor every service
 * authorises and stamps on events by default; `onBehalfOf` keeps the client for the audit log.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeyResolver: ApiKeyResolver,
    private readonly jwtVerifier: JwtVerifier,
    private readonly authorizationService: AuthorizationService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const routeUrl = request.routeOptions.url ?? '';
    if (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ||
      routeUrl.startsWith(PUBLIC_PATH_PREFIX)
    ) {
      return true;
    }
    const actor = await this.authenticate(request, context.switchToHttp().getResponse<FastifyReply>());
    const action =
      this.reflector.getAllAndOverride<string>(ACTION, targets) ?? `${request.method} ${routeUrl}`;
    if (!(await this.authorizationService.isAllowed({ actor, action }))) {
      throw new GatewayError(
        ErrorCode.FORBIDDEN,
        `${describe(actor)} may not ${action}. Ask a disclosure administrator for the role this action needs.`,
      );
    }
    request.actor = actor;
    return true;
  }

  private async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Actor> {
    const unauthenticated = (detail: string) => {
      void reply.header('www-authenticate', 'Bearer realm="gongkai"');
      return new GatewayError(ErrorCode.UNAUTHENTICATED, detail);
    };
    const apiKey = request.headers['x-api-key'];
    const authorization = request.headers.authorization;
    let actor: Actor;
    if (apiKey !== undefined) {
      const client =
        typeof apiKey === 'string' && apiKey.length > 0 ? await this.apiKeyResolver.resolve(apiKey) : null;
      if (!client)
        throw unauthenticated(
          'The API key in `X-Api-Key` is not valid. Check the key, or ask for a new one.',
        );
      actor = { kind: 'client', id: client.id };
      const actingPerson = request.headers['x-acting-person'];
      if (actingPerson !== undefined) {
        if (!(await this.authorizationService.mayActForPersons(client))) {
          throw new GatewayError(
            ErrorCode.FORBIDDEN,
            'This API client may not act for a person. Remove `X-Acting-Person`, or ask for the client to be allowed to.',
          );
        }
        const personId = PersonIdSchema.safeParse(actingPerson);
        if (!personId.success) {
          throw new GatewayError(
            ErrorCode.VALIDATION_FAILED,
            '`X-Acting-Person` must be a person id (a UUID).',
            {
              errors: [
                {
                  in: 'header',
                  pointer: '/x-acting-person',
                  code: 'invalid_format',
                  message: 'Expected a UUID',
                },
              ],
            },
          );
        }
        actor = { kind: 'person', id: personId.data, onBehalfOf: client.id };
      }
      return actor;
    }
    if (authorization !== undefined) {
      const token = BEARER.exec(authorization)?.[1];
      const personId = token ? await this.jwtVerifier.personIdOf(token) : null;
      if (!personId) {
        throw unauthenticated(
          'The bearer token is not valid: it is malformed, expired, or not signed by this installation. Sign in again.',
        );
      }
      if (request.headers['x-acting-person'] !== undefined) {
        throw new GatewayError(
          ErrorCode.FORBIDDEN,
          'Only API clients may send `X-Acting-Person`; a signed-in person acts as themself. Remove the header.',
        );
      }
      return { kind: 'person', id: personId };
    }
    throw unauthenticated(
      'This endpoint needs credentials: send `X-Api-Key: <key>` or `Authorization: Bearer <jwt>`.',
    );
  }
}

function describe(actor: Actor): string {
  return actor.kind === 'client' ? `API client ${actor.id}` : `Person ${actor.id}`;
}
