import type { FastifyRequest } from 'fastify';
import { GatewayError } from '../errors/gateway.error';
import { idempotencyMetaOf, parseIdempotencyKey } from './idempotency-key';

const KEY = '01J9ZQ4S8J2W6F7XK3V5N0B1CD';

function request(overrides: Partial<FastifyRequest>): FastifyRequest {
  return {
    method: 'POST',
    url: '/api/v1/people/0190b3a4-7c1e-7c3a-8f00-000000000001/identity-changes',
    routeOptions: { url: '/api/v1/people/:id/identity-changes' },
    body: { kind: 'transfer', toDepartmentId: 'd-2' },
    idempotencyKey: KEY,
    ...overrides,
  } as FastifyRequest;
}

describe('parseIdempotencyKey', () => {
  it.each([KEY, '8e03978e-40d5-43e8-bc93-6894a57f9324', 'aGVsbG8gd29ybGQ=', 'order:2024/10/01~a_b.c+d'])(
    'accepts %s',
    (key) => expect(parseIdempotencyKey(key)).toBe(key),
  );

  it('unquotes a Structured Field string', () => {
    expect(parseIdempotencyKey(`"${KEY}"`)).toBe(KEY);
  });

  it('returns undefined without the header', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each([
    ['short'],
    ['x'.repeat(129)],
    ['with space in it'],
    ['ünïcödé-key'],
    ['"unterminated'],
    [['a', 'b']],
  ])('refuses %j', (header) => expect(() => parseIdempotencyKey(header as string)).toThrow(GatewayError));
});

describe('idempotencyMetaOf', () => {
  const client = { kind: 'client' as const, id: 'portal' };

  it('scopes the key to the caller and the route template', () => {
    expect(idempotencyMetaOf(request({}), client)?.scope).toBe(
      'client:portal POST /api/v1/people/:id/identity-changes',
    );
    expect(idempotencyMetaOf(request({}), { kind: 'person', id: 'p-1', onBehalfOf: 'portal' })?.scope).toBe(
      'person:p-1 via client:portal POST /api/v1/people/:id/identity-changes',
    );
  });

  it('hashes the path too: the same key and body on another resource is another request', () => {
    const here = idempotencyMetaOf(request({}), client);
    const there = idempotencyMetaOf(
      request({ url: '/api/v1/people/0190b3a4-7c1e-7c3a-8f00-000000000002/identity-changes' }),
      client,
    );
    expect(there?.scope).toBe(here?.scope);
    expect(there?.requestHash).not.toBe(here?.requestHash);
  });

  it('hashes bodies by meaning, not by key order', () => {
    const a = idempotencyMetaOf(request({ body: { a: 1, b: { c: [1, 2], d: null } } }), client);
    const b = idempotencyMetaOf(request({ body: { b: { d: null, c: [1, 2] }, a: 1 } }), client);
    const c = idempotencyMetaOf(request({ body: { b: { d: null, c: [2, 1] }, a: 1 } }), client);
    expect(b?.requestHash).toBe(a?.requestHash);
    expect(c?.requestHash).not.toBe(a?.requestHash);
  });

  it('is undefined for a request without a key', () => {
    expect(idempotencyMetaOf(request({ idempotencyKey: undefined }), client)).toBeUndefined();
  });
});
