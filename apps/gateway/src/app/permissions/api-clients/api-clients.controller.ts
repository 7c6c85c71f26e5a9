import { Controller, Get, Header, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  PermissionsRpc,
  RevokeApiClientBodySchema,
  RotateApiClientKeyBodySchema,
  type CreateApiClient,
  type ListApiClients,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import type { z } from 'zod';
import { Meta } from '../../http/request-meta.decorator';
import { RouteBody, RouteQuery, RpcRoute } from '../../http/rpc-route';
import { COMMAND_PROBLEMS, GET_PROBLEMS, LIST_PROBLEMS } from '../../openapi/api-schemas';
import { PathIdPipe } from '../shared/path-id.pipe';

type RotateBody = z.infer<typeof RotateApiClientKeyBodySchema>;
type RevokeBody = z.infer<typeof RevokeApiClientBodySchema>;

const KEY_SHOWN_ONCE =
  'The key (`gk_<id>_<secret>`) is in this reply only: store it now. Send it as `X-Api-Key`.';
const CLIENT_ID = { id: 'The client id' };

/** Campus systems' API clients. Keys are kept hashed by the permissions service and shown once. */
@ApiTags('api-clients')
@Controller('api-clients')
export class ApiClientsController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get()
  @RpcRoute(PermissionsRpc.listApiClients, {
    action: 'permissions.read',
    summary: 'List API clients (never their keys)',
    query: 'request',
    reply: 'A page of API clients',
    problems: LIST_PROBLEMS,
  })
  list(@RouteQuery() query: ListApiClients, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.listApiClients, query, meta);
  }

  @Post()
  // The reply carries a secret: no cache on the way may keep it.
  @Header('cache-control', 'no-store')
  @RpcRoute(PermissionsRpc.createApiClient, {
    action: 'permissions.admin',
    summary: 'Register a campus system and issue its key, with its roles',
    description: KEY_SHOWN_ONCE,
    body: 'request',
    status: 201,
    reply: 'The client, its key (shown once) and its bindings',
    problems: COMMAND_PROBLEMS,
  })
  create(@RouteBody() body: CreateApiClient, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.createApiClient, body, meta);
  }

  @Get(':id')
  @RpcRoute(PermissionsRpc.getApiClient, {
    action: 'permissions.read',
    summary: 'One API client (never its key)',
    params: CLIENT_ID,
    reply: 'The client',
    problems: GET_PROBLEMS,
  })
  get(@Param('id', PathIdPipe) id: string, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.getApiClient, { id }, meta);
  }

  @Post(':id/rotate')
  @Header('cache-control', 'no-store')
  @RpcRoute(PermissionsRpc.rotateApiClientKey, {
    action: 'permissions.admin',
    summary: 'Issue a new key; the old one stops working at once',
    description: `${KEY_SHOWN_ONCE} Gateways drop the old key on the client.rotated event.`,
    params: CLIENT_ID,
    body: RotateApiClientKeyBodySchema,
    reply: 'The client and its new key (shown once)',
    problems: COMMAND_PROBLEMS,
  })
  rotate(@Param('id', PathIdPipe) id: string, @RouteBody() body: RotateBody, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.rotateApiClientKey, { ...body, id }, meta);
  }

  @Post(':id/revoke')
  @RpcRoute(PermissionsRpc.revokeApiClient, {
    action: 'permissions.admin',
    summary: 'Revoke a client: its key and every binding end now, with a reason',
    params: CLIENT_ID,
    body: RevokeApiClientBodySchema,
    reply: 'The revoked client',
    problems: COMMAND_PROBLEMS,
  })
  revoke(@Param('id', PathIdPipe) id: string, @RouteBody() body: RevokeBody, @Meta() meta: RequestMeta) {
    return this.serviceClient.request(PermissionsRpc.revokeApiClient, { ...body, id }, meta);
  }
}
