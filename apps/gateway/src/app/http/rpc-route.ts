import {
  HttpCode,
  SetMetadata,
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Action as PermissionAction, RpcDefinition, RpcResult } from '@gongkai/contracts';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Action, AuthenticatedOnly, Public, type ActionOptions } from '../auth/auth.decorators';
import { ApiPathParams, ApiProblems, ApiZodBody, ApiZodQuery, ApiZodReply } from '../openapi/api-schemas';
import { ZodValidationPipe } from './zod-validation.pipe';

/** Who may call a route: an action decided for a department, any authenticated caller, or anyone. */
export type RouteAccess =
  | {
      action: PermissionAction;
      departmentFrom?: ActionOptions['departmentFrom'];
      answersEveryone?: ActionOptions['answersEveryone'];
    }
  | { authenticatedOnly: true }
  | { public: true };

export type RpcRouteOptions = RouteAccess & {
  summary: string;
  description?: string;
  /** `{name}` path parameters: a description (UUIDs), or a description and a schema. */
  params?: Parameters<typeof ApiPathParams>[0];
  /** The JSON body: the definition's request as a whole (`'request'`), or its HTTP part. */
  body?: 'request' | z.ZodType;
  /** The query string: the definition's request as a whole (`'request'`), or its HTTP part. */
  query?: 'request' | z.ZodType;
  /** The success status (default 200) and what the reply is; its schema is the definition's reply. */
  status?: 200 | 201;
  reply: string;
  /** The problem statuses the route can answer with. */
  problems: number[];
};

export const RPC_ROUTE = 'gateway:rpcRoute';

/** What @RpcRoute records on a handler: the definition and the schemas its request is read with. */
export interface RpcRouteMetadata {
  definition: RpcDefinition;
  status: number;
  body?: z.ZodType;
  query?: z.ZodType;
}

/**
 * A gateway route declared from the request/reply definition it forwards to: who may call it
 * (an action and where its department comes from), and its OpenAPI body, query and reply, all
 * generated from the definition's zod schemas. `@RouteBody()` and `@RouteQuery()` validate with the
 * same schemas the document shows, and the documented success status is the one sent.
 *
 *   @Post()
 *   @RpcRoute(PermissionsRpc.createDepartment, { action: 'permissions.admin', body: 'request',
 *     status: 201, summary: 'Create a department', reply: 'The new department', problems: COMMAND_PROBLEMS })
 *   create(@RouteBody() body: CreateDepartment, @Meta() meta: RequestMeta) {
 *     return this.serviceClient.request(PermissionsRpc.createDepartment, body, meta);
 *   }
 */
export function RpcRoute<TDefinition extends RpcDefinition>(
  definition: TDefinition,
  options: RpcRouteOptions,
) {
  const body = options.body === 'request' ? definition.request : options.body;
  const query = options.query === 'request' ? definition.request : options.query;
  const status = options.status ?? 200;
  const decorate = applyDecorators(
    ...accessDecorators(options),
    SetMetadata(RPC_ROUTE, { definition, status, body, query } satisfies RpcRouteMetadata),
    HttpCode(status),
    ApiOperation({ summary: options.summary, description: options.description }),
    ...(options.params ? [ApiPathParams(options.params)] : []),
    ...(query ? [ApiZodQuery(query)] : []),
    ...(body ? [ApiZodBody(body)] : []),
    ApiZodReply(status, options.reply, definition.reply),
    ApiProblems(...options.problems),
  );
  // The method must answer what the definition replies, so the documented reply is the one sent.
  return <TMethod extends (...args: never[]) => Promise<RpcResult<TDefinition>>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<TMethod>,
  ): void => decorate(target, key, descriptor);
}

function accessDecorators(access: RouteAccess) {
  if ('action' in access) {
    const { departmentFrom, answersEveryone } = access;
    return [
      Action(access.action, {
        ...(departmentFrom ? { departmentFrom } : {}),
        ...(answersEveryone ? { answersEveryone } : {}),
      }),
    ];
  }
  if ('authenticatedOnly' in access) return [AuthenticatedOnly()];
  return [Public()];
}

function routeOf(context: ExecutionContext): RpcRouteMetadata {
  const route = Reflect.getMetadata(RPC_ROUTE, context.getHandler()) as RpcRouteMetadata | undefined;
  if (!route) throw new Error(`${context.getClass().name}.${context.getHandler().name} has no @RpcRoute`);
  return route;
}

/** The request body, validated with the body schema of the route's @RpcRoute. */
export const RouteBody = createParamDecorator((_data: unknown, context: ExecutionContext): unknown => {
  const { body } = routeOf(context);
  if (!body) throw new Error(`@RpcRoute of ${context.getHandler().name} declares no body`);
  return new ZodValidationPipe(body, 'body').transform(
    context.switchToHttp().getRequest<FastifyRequest>().body,
  );
});

/** The query string, validated with the query schema of the route's @RpcRoute. */
export const RouteQuery = createParamDecorator((_data: unknown, context: ExecutionContext): unknown => {
  const { query } = routeOf(context);
  if (!query) throw new Error(`@RpcRoute of ${context.getHandler().name} declares no query`);
  return new ZodValidationPipe(query, 'query').transform(
    context.switchToHttp().getRequest<FastifyRequest>().query,
  );
});
