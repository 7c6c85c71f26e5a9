import { startGateway, type StartedGateway } from './support/gateway-harness';

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<
      string,
      {
        security?: unknown[];
        requestBody?: unknown;
        parameters?: { name: string; in: string }[];
        responses: Record<string, unknown>;
      }
    >
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

function collectRefs(value: unknown, refs: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => collectRefs(item, refs));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') refs.push(child);
      else collectRefs(child, refs);
    }
  }
  return refs;
}

describe('gateway OpenAPI document', () => {
  let gateway: StartedGateway;
  let document: OpenApiDocument;

  beforeAll(async () => {
    gateway = await startGateway();
    const response = await fetch(`${gateway.url}/api/docs-json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    document = (await response.json()) as OpenApiDocument;
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('is an OpenAPI 3 document with the gateway info', () => {
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(document.info).toMatchObject({ title: 'gongkai gateway', version: '1' });
  });

  it('describes the departments routes with bodies and replies from the zod schemas', () => {
    const departments = document.paths['/api/v1/departments'];
    expect(Object.keys(departments ?? {}).sort()).toEqual(['get', 'post']);
    expect(JSON.stringify(departments?.['post']?.requestBody)).toContain(
      '#/components/schemas/CreateDepartment',
    );
    expect(departments?.['post']?.responses).toHaveProperty('201');
    expect(departments?.['post']?.responses).toHaveProperty('400');
    expect(
      departments?.['get']?.parameters?.map((parameter) => `${parameter.in}:${parameter.name}`).sort(),
    ).toEqual(['query:cursor', 'query:limit', 'query:parentId', 'query:status', 'query:type']);
    expect(document.components.schemas['CreateDepartment']).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['code', 'name', 'type']),
      properties: { type: { enum: ['school', 'college', 'office', 'centre'] } },
    });
    expect(document.components.schemas['Problem']).toMatchObject({ type: 'object' });
  });

  it('resolves every $ref inside the document', () => {
    for (const ref of collectRefs(document)) {
      const name = ref.replace('#/components/schemas/', '');
      expect(ref.startsWith('#/components/schemas/') && name in document.components.schemas).toBe(true);
    }
  });

  it('declares API key and bearer security, either one enough, and none on probes', () => {
    expect(document.components.securitySchemes).toEqual({
      ApiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    });
    expect(document.paths['/api/v1/departments']?.['post']?.security).toEqual([
      { ApiKey: [] },
      { bearer: [] },
    ]);
    expect(document.paths['/healthz']?.['get']?.security).toEqual([]);
    expect(document.paths['/readyz']?.['get']?.security).toEqual([]);
  });

  it('documents the Idempotency-Key header, and the 422 and 409 it can cause, on every authenticated POST route', () => {
    // An anonymous POST (a web submission) has no caller to scope a key to: it takes none.
    const isPublic = (path: string) => path.startsWith('/api/v1/public/');
    expect(document.paths['/api/v1/public/cases']?.['post']?.parameters ?? []).not.toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key' }),
    );
    const posts = Object.entries(document.paths).flatMap(([path, item]) =>
      item['post'] && !isPublic(path) ? [{ path, operation: item['post'] }] : [],
    );
    expect(posts.length).toBeGreaterThan(10);
    for (const { path, operation } of posts) {
      expect({
        path,
        header: operation.parameters?.find((parameter) => parameter.name === 'Idempotency-Key')?.in,
        statuses: ['409', '422'].filter((status) => status in operation.responses),
      }).toEqual({ path, header: 'header', statuses: ['409', '422'] });
    }
    for (const [path, item] of Object.entries(document.paths)) {
      const get = item['get'];
      if (!get) continue;
      expect({ path, names: get.parameters?.map((parameter) => parameter.name) ?? [] }).not.toEqual({
        path,
        names: expect.arrayContaining(['Idempotency-Key']),
      });
    }
  });

  it('serves the Swagger UI at /api/docs', async () => {
    const response = await fetch(`${gateway.url}/api/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger');
  });
});
