import { RequestMethod, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { PermissionsRpc, PermissionsSubjects, type Department } from '@gongkai/contracts';
import { RPC_ROUTE, type RpcRouteMetadata } from '../src/app/http/rpc-route';
import { toOpenApi } from '../src/app/openapi/api-schemas';
import { adminHeaders, StandIns, startGateway, type StartedGateway } from './support/gateway-harness';
import { sampleReplyOf } from './support/sample-replies';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

/** Routes the gateway answers itself, composing or without asking a service: no one definition to follow. */
const ANSWERED_BY_THE_GATEWAY = [
  'GET /api/v1/roles',
  'GET /api/v1/permissions/check',
  'GET /api/v1/ops/dead-letters',
  'POST /api/v1/ops/dead-letters/{service}/{id}/replay',
];

interface DeclaredRoute {
  route: string;
  handler: string;
  rpc: RpcRouteMetadata | undefined;
  httpCode: number | undefined;
}

/** Every route of the running gateway, from its controllers' metadata, as the document names it. */
function declaredRoutes(gateway: StartedGateway): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const module of gateway.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const path = [base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')]
          .filter((part) => part && part !== '/')
          .join('/')
          .replace(/:(\w+)/g, '{$1}');
        const prefixed = ['healthz', 'readyz', 'metrics'].includes(path) ? `/${path}` : `/api/v1/${path}`;
        routes.push({
          route: `${RequestMethod[method]} ${prefixed.replace(/\/$/, '')}`,
          handler: `${controller.name}.${name}`,
          rpc: Reflect.getMetadata(RPC_ROUTE, handler) as RpcRouteMetadata | undefined,
          httpCode: Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined,
        });
      }
    }
  }
  return routes;
}

describe('documented replies are the definitions’ replies', () => {
  let gateway: StartedGateway;
  let document: OpenApiDocument;
  let routes: DeclaredRoute[];

  const resolve = (schema: unknown): unknown => {
    const ref = (schema as { $ref?: string } | undefined)?.$ref;
    return ref ? document.components.schemas[ref.replace('#/components/schemas/', '')] : schema;
  };

  beforeAll(async () => {
    gateway = await startGateway();
    document = (await (await fetch(`${gateway.url}/api/docs-json`)).json()) as OpenApiDocument;
    routes = declaredRoutes(gateway);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('declares every route that asks a service from that service’s definition', () => {
    const undeclared = routes
      .filter(({ route, rpc }) => route.includes(' /api/v1/') && !rpc)
      .map(({ route }) => route);
    expect(undeclared.sort()).toEqual([...ANSWERED_BY_THE_GATEWAY].sort());
    expect(routes.filter(({ rpc }) => rpc).length).toBeGreaterThan(50);
  });

  it('documents, for each such route, exactly one success: the status it sends and its definition’s reply', () => {
    for (const { route, handler, rpc, httpCode } of routes) {
      if (!rpc) continue;
      const [method = '', path = ''] = route.split(' ');
      const operation = document.paths[path]?.[method.toLowerCase()];
      const successes = Object.keys(operation?.responses ?? {}).filter((status) => status.startsWith('2'));
      const documented = resolve(
        operation?.responses[String(rpc.status)]?.content?.['application/json']?.schema,
      );
      expect({ handler, route, successes, sent: httpCode, documented }).toEqual({
        handler,
        route,
        successes: [String(rpc.status)],
        sent: rpc.status,
        documented: toOpenApi(rpc.definition.reply, 'output'),
      });
    }
  });
});

describe('replies that disagree with their definition', () => {
  const department: Department = sampleReplyOf(PermissionsRpc.getDepartment);
  const ID = department.id;
  const drifted = { ...department, name: undefined, displayName: 'renamed on the wire' };

  async function getDepartment(env: Record<string, string>) {
    const gateway = await startGateway(env);
    const standIns = await StandIns.connect(gateway.prefix);
    try {
      await standIns.answer(PermissionsSubjects.getDepartment, () => drifted);
      const response = await fetch(`${gateway.url}/api/v1/departments/${ID}`, { headers: adminHeaders });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    } finally {
      await standIns.close();
      await gateway.close();
    }
  }

  it('are a 500 in development and tests, naming nothing of the service’s internals', async () => {
    for (const NODE_ENV of ['development', 'test']) {
      const { status, body } = await getDepartment({ NODE_ENV });
      expect({ NODE_ENV, status, code: body['code'] }).toEqual({ NODE_ENV, status: 500, code: 'INTERNAL' });
    }
  });

  it('are passed on unchecked in production', async () => {
    const { status, body } = await getDepartment({ NODE_ENV: 'production' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ displayName: 'renamed on the wire' });
  });
});
