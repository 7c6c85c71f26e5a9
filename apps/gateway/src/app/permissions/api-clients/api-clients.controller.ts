import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiClientSchema,
  CreateApiClientSchema,
  IssuedApiKeySchema,
  ListApiClientsSchema,
  PermissionsSubjects,
  RevokeApiClientBodySchema,
  RotateApiClientKeyBodySchema,
  pageSchema,
  type ApiClient,
  type CreateApiClient,
  type IssuedApiKey,
  type ListApiClients,
  type Page,
  type RequestMeta,
} from '@gongkai/contracts';
import { ServiceClient } from '@gongkai/messaging';
import type { z } from 'zod';
import { Action } from '../../auth/auth.decorators';
import { Meta } from '../../http/request-meta.decorator';
import { ZodValidationPipe } from '../../http/zod-validation.pipe';
import {
  ApiProblems,
  ApiZodQuery,
  COMMAND_PROBLEMS,
  GET_PROBLEMS,
  LIST_PROBLEMS,
} from '../../openapi/api-schemas';
import { PathIdPipe } from '../shared/path-id.pipe';
import { ApiIdParam, ApiZodBody, ApiZodReply } from '../shared/permissions.openapi';

type RotateBody = z.infer<typeof RotateApiClientKeyBodySchema>;
type RevokeBody = z.infer<typeof RevokeApiClientBodySchema>;

const KEY_SHOWN_ONCE =
  'The key (`gk_<id>_<secret>`) is in this reply only: store it now. Send it as `X-Api-Key`.';

/** Campus systems' API clients. Keys are kept hashed by the permissions service and shown once. */
@ApiTags('api-clients')
@Controller('api-clients')
export class ApiClientsController {
  constructor(private readonly serviceClient: ServiceClient) {}

  @Get()
  @Action('permissions.read')
  @ApiOperation({ summary: 'List API clients (never their keys)' })
  @ApiZodQuery(ListApiClientsSchema)
  @ApiZodReply(200, 'A page of API clients', pageSchema(ApiClientSchema))
  @ApiProblems(...LIST_PROBLEMS)
  list(
    @Query(new ZodValidationPipe(ListApiClientsSchema, 'query')) query: ListApiClients,
    @Meta() meta: RequestMeta,
  ): Promise<Page<ApiClient>> {
    return this.serviceClient.request<Page<ApiClient>>(PermissionsSubjects.listApiClients, query, meta);
  }

  @Post()
  @Action('permissions.admin')
  // The reply carries a secret: no cache on the way may keep it.
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Register a campus system and issue its key, with its roles',
    description: KEY_SHOWN_ONCE,
  })
  @ApiZodBody(CreateApiClientSchema)
  @ApiZodReply(201, 'The client, its key (shown once) and its bindings', IssuedApiKeySchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  create(
    @Body(new ZodValidationPipe(CreateApiClientSchema, 'body')) body: CreateApiClient,
    @Meta() meta: RequestMeta,
  ): Promise<IssuedApiKey> {
    return this.serviceClient.request<IssuedApiKey>(PermissionsSubjects.createApiClient, body, meta);
  }

  @Get(':id')
  @Action('permissions.read')
  @ApiOperation({ summary: 'One API client (never its key)' })
  @ApiIdParam('The client id')
  @ApiZodReply(200, 'The client', ApiClientSchema)
  @ApiProblems(...GET_PROBLEMS)
  get(@Param('id', PathIdPipe) id: string, @Meta() meta: RequestMeta): Promise<ApiClient> {
    return this.serviceClient.request<ApiClient>(PermissionsSubjects.getApiClient, { id }, meta);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @Action('permissions.admin')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Issue a new key; the old one stops working at once',
    description: `${KEY_SHOWN_ONCE} Gateways drop the old key on the client.rotated event.`,
  })
  @ApiIdParam('The client id')
  @ApiZodBody(RotateApiClientKeyBodySchema)
  @ApiZodReply(200, 'The client and its new key (shown once)', IssuedApiKeySchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  rotate(
    @Param('id', PathIdPipe) id: string,
    @Body(new ZodValidationPipe(RotateApiClientKeyBodySchema, 'body')) body: RotateBody,
    @Meta() meta: RequestMeta,
  ): Promise<IssuedApiKey> {
    return this.serviceClient.request<IssuedApiKey>(
      PermissionsSubjects.rotateApiClientKey,
      { ...body, id },
      meta,
    );
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Action('permissions.admin')
  @ApiOperation({ summary: 'Revoke a client: its key and every binding end now, with a reason' })
  @ApiIdParam('The client id')
  @ApiZodBody(RevokeApiClientBodySchema)
  @ApiZodReply(200, 'The revoked client', ApiClientSchema)
  @ApiProblems(...COMMAND_PROBLEMS)
  revoke(
    @Param('id', PathIdPipe) id: string,
    @Body(new ZodValidationPipe(RevokeApiClientBodySchema, 'body')) body: RevokeBody,
    @Meta() meta: RequestMeta,
  ): Promise<ApiClient> {
    return this.serviceClient.request<ApiClient>(PermissionsSubjects.revokeApiClient, { ...body, id }, meta);
  }
}
