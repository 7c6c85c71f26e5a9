import { PermissionsSubjects } from '@gongkai/contracts';
import {
  ADMIN_KEY,
  JWT_SECRET,
  StandIns,
  signJwt,
  startGateway,
  type StartedGateway,
} from './support/gateway-harness';

const PERSON_ID = '0190b3a4-7c1e-7c3a-8f00-00000000abcd';
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('gateway authentication', () => {
  let gateway: StartedGateway;
  let standIns: StandIns;
  const listUrl = () => `${gateway.url}/api/v1/departments`;
  const list = (headers: Record<string, string>) => fetch(listUrl(), { headers });
  const lastActor = () => {
    const calls = standIns.callsTo(PermissionsSubjects.listDepartments);
    return (calls[calls.length - 1]?.payload as { meta: { actor: unknown } } | undefined)?.meta.actor;
  };

  beforeAll(async () => {
    gateway = await startGateway();
    standIns = await StandIns.connect(gateway.prefix);
    await standIns.answer(PermissionsSubjects.listDepartments, () => ({ items: [], nextCursor: null }));
    await standIns.answer(PermissionsSubjects.checkActing, () => ({ allow: true, reason: 'may act' }));
    // Authentication is tested here; decisions in auth-decisions.integration-spec.ts.
    await standIns.answer(PermissionsSubjects.checkPermission, () => ({
      allow: true,
      reason: 'allowed by the stand-in',
      bindingId: null,
      validUntil: null,
    }));
  });

  afterAll(async () => {
    await standIns?.close();
    await gateway?.close();
  });

  /** A 401 problem, with the reason a client branches on (none when credentials are missing). */
  async function expectUnauthenticated(response: Response, reason?: string): Promise<string> {
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    const problem = (await response.json()) as { code: string; reason?: string; detail: string };
    expect(problem.code).toBe('UNAUTHENTICATED');
    expect(problem.reason).toBe(reason);
    return problem.detail;
  }

  it('401 without credentials, saying which to send', async () => {
    const detail = await expectUnauthenticated(await list({}));
    expect(detail).toContain('X-Api-Key');
    expect(detail).toContain('Bearer');
  });

  it('401 with a wrong API key', async () => {
    await expectUnauthenticated(await list({ 'x-api-key': 'wrong-key-0123456789' }), 'API_KEY_INVALID');
    await expectUnauthenticated(await list({ 'x-api-key': `${ADMIN_KEY}x` }), 'API_KEY_INVALID');
    await expectUnauthenticated(await list({ 'x-api-key': '' }), 'API_KEY_INVALID');
  });

  it('401 with a bad bearer token', async () => {
    const badTokens = [
      'not-a-jwt',
      signJwt({ sub: PERSON_ID }, { secret: 'another-secret-0123456789abcdef0123456789' }),
      signJwt({ sub: PERSON_ID }, { issuer: 'somebody-else' }),
      signJwt({ sub: PERSON_ID }, { expiresIn: -60 }),
      signJwt({ name: 'no subject' }),
      // Unsigned ("alg": "none") tokens must never pass.
      `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: PERSON_ID, iss: 'gongkai-test' })}.`,
    ];
    for (const token of badTokens) {
      await expectUnauthenticated(await list({ authorization: `Bearer ${token}` }), 'BEARER_TOKEN_INVALID');
    }
    await expectUnauthenticated(
      await list({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }),
      'BEARER_TOKEN_INVALID',
    );
  });

  it('accepts a valid JWT and sends the person as the actor', async () => {
    const response = await list({ authorization: `Bearer ${signJwt({ sub: PERSON_ID })}` });
    expect(response.status).toBe(200);
    expect(lastActor()).toEqual({ kind: 'person', id: PERSON_ID });
  });

  it('accepts the bootstrap admin key as the bootstrap-admin client', async () => {
    const response = await list({ 'x-api-key': ADMIN_KEY });
    expect(response.status).toBe(200);
    expect(lastActor()).toEqual({ kind: 'client', id: 'bootstrap-admin' });
  });

  it('lets the bootstrap admin act for a person: the person decides, the client is kept', async () => {
    const response = await list({ 'x-api-key': ADMIN_KEY, 'x-acting-person': PERSON_ID });
    expect(response.status).toBe(200);
    expect(lastActor()).toEqual({ kind: 'person', id: PERSON_ID, onBehalfOf: 'bootstrap-admin' });
  });

  it('rejects X-Acting-Person that is not a person id (400) or sent with a JWT (403)', async () => {
    const invalid = await list({ 'x-api-key': ADMIN_KEY, 'x-acting-person': 'somebody' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ errors: [{ in: 'header', pointer: '/x-acting-person' }] });
    const withJwt = await list({
      authorization: `Bearer ${signJwt({ sub: PERSON_ID })}`,
      'x-acting-person': PERSON_ID,
    });
    expect(withJwt.status).toBe(403);
    expect(withJwt.headers.get('content-type')).toContain('application/problem+json');
    expect(await withJwt.json()).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ACTING_FOR_PERSON_NOT_ALLOWED',
    });
  });

  it('keeps probes, metrics and the API docs open', async () => {
    for (const path of ['/healthz', '/metrics', '/api/docs-json']) {
      expect((await fetch(`${gateway.url}${path}`)).status).toBe(200);
    }
  });

  it('answers 401 for everything when no key or secret is configured', async () => {
    const locked = await startGateway({ BOOTSTRAP_ADMIN_API_KEY: undefined, JWT_SECRET: undefined });
    try {
      expect(
        (await fetch(`${locked.url}/api/v1/departments`, { headers: { 'x-api-key': ADMIN_KEY } })).status,
      ).toBe(401);
      const token = signJwt({ sub: PERSON_ID }, { secret: JWT_SECRET });
      expect(
        (await fetch(`${locked.url}/api/v1/departments`, { headers: { authorization: `Bearer ${token}` } }))
          .status,
      ).toBe(401);
    } finally {
      await locked.close();
    }
  });
});

describe('gateway rate limiting', () => {
  it('answers 429 problem+json with Retry-After once an address exceeds RATE_LIMIT_PER_MINUTE', async () => {
    const gateway = await startGateway({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 4; i += 1) {
        last = await fetch(`${gateway.url}/api/v1/departments`, {
          headers: { 'x-api-key': 'some-client-key-0001' },
        });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect(last?.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last?.headers.get('x-correlation-id')).toBeTruthy();
      expect(await last?.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
      // A key that has authenticated counts as its client, not as the address; probes are never limited.
      const other = await fetch(`${gateway.url}/api/v1/departments`, { headers: { 'x-api-key': ADMIN_KEY } });
      expect(other.status).not.toBe(429);
      expect(other.headers.get('ratelimit-remaining')).toBe('2');
      for (let i = 0; i < 5; i += 1) expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    } finally {
      await gateway.close();
    }
  });
});
