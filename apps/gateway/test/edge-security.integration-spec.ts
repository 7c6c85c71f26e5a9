import { PermissionsSubjects } from '@gongkai/contracts';
import { freePort } from '@gongkai/testing';
import { SignJWT, decodeProtectedHeader } from 'jose';
import { startOidcProvider, type LocalOidcProvider } from './support/local-oidc-provider';
import {
  ADMIN_KEY,
  JWT_ISSUER,
  JWT_SECRET,
  StandIns,
  newPrefix,
  startGateway,
  type StartedGateway,
} from './support/gateway-harness';

const PERSON_ID = '0190b3a4-7c1e-7c3a-8f00-00000000abcd';
const SSO_PERSON_ID = '0190b3a4-7c1e-7c3a-8f00-00000000beef';
const STAFF_NO = 'T2024001';
const SSO_AUDIENCE = 'https://gongkai.example.edu.cn/api';
const ALLOWED_ORIGIN = 'https://xxgk.example.edu.cn';
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

interface Problem {
  code: string;
  reason?: string;
  detail: string;
  claim?: string;
  errors?: { in: string; pointer: string; code: string }[];
}

const allow = () => ({ allow: true, reason: 'allowed by the stand-in', bindingId: null, validUntil: null });

async function answerPermissions(standIns: StandIns): Promise<void> {
  await standIns.answer(PermissionsSubjects.listDepartments, () => ({ items: [], nextCursor: null }));
  await standIns.answer(PermissionsSubjects.checkPermission, allow);
  await standIns.answer(PermissionsSubjects.listPeople, (call) => {
    const staffNo = (call.payload as { body: { staffNo?: string } }).body.staffNo;
    const person = {
      id: SSO_PERSON_ID,
      staffNo: STAFF_NO,
      name: '王老师',
      departmentId: PERSON_ID,
      identityType: 'staff',
      status: 'active',
      post: null,
      createdAt: '2024-09-01T00:00:00.000Z',
      updatedAt: '2024-09-01T00:00:00.000Z',
    };
    return { items: staffNo === STAFF_NO ? [person] : [], nextCursor: null };
  });
}

/** HS256 tokens as this installation signs them, with any claims (jose, so `exp`/`iat` can be anything). */
async function token(claims: Record<string, unknown>, options: { omit?: string[] } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const all: Record<string, unknown> = {
    sub: PERSON_ID,
    iss: JWT_ISSUER,
    aud: 'gongkai-api',
    iat: now,
    exp: now + 300,
    ...claims,
  };
  for (const name of options.omit ?? []) delete all[name];
  return new SignJWT(all).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(JWT_SECRET));
}

describe('gateway edge: tokens, campus SSO, headers, CORS, proxies, shared rate limits, hostile text', () => {
  let gateway: StartedGateway;
  let standIns: StandIns;
  let provider: LocalOidcProvider;
  let providerPort: number;

  const departments = (headers: Record<string, string>, url = gateway.url) =>
    fetch(`${url}/api/v1/departments`, { headers });

  beforeAll(async () => {
    providerPort = await freePort();
    provider = await startOidcProvider({ port: providerPort, audience: SSO_AUDIENCE, keyId: 'campus-key-1' });
    gateway = await startGateway({
      JWT_MAX_AGE_SECONDS: '3600',
      OIDC_DISCOVERY_URL: provider.discoveryUrl,
      OIDC_AUDIENCE: SSO_AUDIENCE,
      OIDC_JWKS_COOLDOWN_MS: '100',
      CORS_ALLOWED_ORIGINS: ALLOWED_ORIGIN,
      TRUSTED_PROXIES: '127.0.0.1',
      AUTH_FAILURES_PER_MINUTE: '3',
      RATE_LIMIT_PER_MINUTE: '10000',
    });
    standIns = await StandIns.connect(gateway.prefix);
    await answerPermissions(standIns);
  }, 120_000);

  afterAll(async () => {
    await standIns?.close();
    await gateway?.close();
    await provider?.stop();
  });

  /** Each case its own client address (through the trusted proxy), so failure counts stay apart. */
  let address = 10;
  const fromNewAddress = () => ({ 'x-forwarded-for': `198.51.100.${(address += 1)}` });

  async function expectTokenRefused(bearer: string, claim: string | undefined, says: RegExp): Promise<void> {
    const response = await departments({ authorization: `Bearer ${bearer}`, ...fromNewAddress() });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    const problem = (await response.json()) as Problem;
    expect(problem).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'BEARER_TOKEN_INVALID' });
    if (claim) expect(problem.claim).toBe(claim);
    expect(problem.detail).toMatch(says);
    expect(problem.detail).toMatch(/Sign in again|ask for a token/);
  }

  describe('bearer tokens', () => {
    it('accepts a token with exp, iat, aud and iss as configured', async () => {
      const response = await departments({ authorization: `Bearer ${await token({})}`, ...fromNewAddress() });
      expect(response.status).toBe(200);
    });

    it('401 for an expired token, saying when it expired', async () => {
      const now = Math.floor(Date.now() / 1000);
      await expectTokenRefused(await token({ iat: now - 600, exp: now - 60 }), 'exp', /expired at \d{4}-/);
    });

    it('401 for a token for another audience, naming the one accepted', async () => {
      await expectTokenRefused(await token({ aud: 'library-api' }), 'aud', /accepts `aud` "gongkai-api"/);
    });

    it('401 for a token from another issuer, naming the one trusted', async () => {
      await expectTokenRefused(
        await token({ iss: 'someone-else' }),
        'iss',
        new RegExp(`accepts \`iss\` "${JWT_ISSUER}"`),
      );
    });

    it('401 for a token older than JWT_MAX_AGE_SECONDS even though its exp lies ahead', async () => {
      const now = Math.floor(Date.now() / 1000);
      await expectTokenRefused(
        await token({ iat: now - 7200, exp: now + 86_400 }),
        'iat',
        /issued more than 3600 s ago/,
      );
    });

    it('401 for a token without exp, or without aud, saying which claims a token must carry', async () => {
      await expectTokenRefused(await token({}, { omit: ['exp'] }), 'exp', /has no `exp` claim/);
      await expectTokenRefused(await token({}, { omit: ['aud'] }), 'aud', /has no `aud` claim/);
    });
  });

  describe('campus SSO through a local OpenID Connect provider', () => {
    it('signs a staff member in: the access token is verified against the JWKS and the person found by staff number', async () => {
      const accessToken = await provider.signIn(STAFF_NO);
      expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: 'RS256', kid: 'campus-key-1' });
      const response = await departments({ authorization: `Bearer ${accessToken}`, ...fromNewAddress() });
      expect(response.status).toBe(200);
      const calls = standIns.callsTo(PermissionsSubjects.listDepartments);
      expect((calls[calls.length - 1]?.payload as { meta: { actor: unknown } }).meta.actor).toEqual({
        kind: 'person',
        id: SSO_PERSON_ID,
      });
    });

    it('401 for a signed-in user unknown to gongkai, saying whom to ask', async () => {
      const accessToken = await provider.signIn('X9999999');
      const response = await departments({ authorization: `Bearer ${accessToken}`, ...fromNewAddress() });
      expect(response.status).toBe(401);
      expect(((await response.json()) as Problem).detail).toContain('No person with staff number X9999999');
    });

    it('follows a key rotation: a token signed with the new key is accepted once the key set changes', async () => {
      await provider.stop();
      provider = await startOidcProvider({
        port: providerPort,
        audience: SSO_AUDIENCE,
        keyId: 'campus-key-2',
      });
      const accessToken = await provider.signIn(STAFF_NO);
      expect(decodeProtectedHeader(accessToken).kid).toBe('campus-key-2');
      await new Promise((resolve) => setTimeout(resolve, 150)); // OIDC_JWKS_COOLDOWN_MS
      const response = await departments({ authorization: `Bearer ${accessToken}`, ...fromNewAddress() });
      expect(response.status).toBe(200);
    });
  });

  describe('security headers and the API docs page', () => {
    it('sends helmet headers on API answers', async () => {
      const response = await departments({ 'x-api-key': ADMIN_KEY });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toContain('max-age=');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('still serves the docs page, every script it loads, and the document', async () => {
      const page = await fetch(`${gateway.url}/api/docs`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await page.text();
      expect(html).toContain('swagger-ui');
      const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, inline] of scripts) {
        // The policy allows no inline script: each must be a file from this origin, and load.
        expect(inline?.trim()).toBe('');
        const src = /src="([^"]+)"/.exec(attributes ?? '')?.[1];
        expect(src).toBeDefined();
        const script = await fetch(new URL(src ?? '', `${gateway.url}/api/docs/`));
        expect(script.status).toBe(200);
      }
      expect((await fetch(`${gateway.url}/api/docs-json`)).status).toBe(200);
    });
  });

  describe('CORS', () => {
    it('allows the configured origin, preflight and actual request', async () => {
      const preflight = await fetch(`${gateway.url}/api/v1/departments`, {
        method: 'OPTIONS',
        headers: {
          origin: ALLOWED_ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'x-api-key,content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('x-api-key');
      const actual = await departments({ 'x-api-key': ADMIN_KEY, origin: ALLOWED_ORIGIN });
      expect(actual.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    });

    it('gives any other origin no CORS headers, so browsers refuse it', async () => {
      for (const origin of ['https://evil.example.com', 'https://xxgk.example.edu.cn.evil.example', 'null']) {
        const preflight = await fetch(`${gateway.url}/api/v1/departments`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
        expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
        const actual = await departments({ 'x-api-key': ADMIN_KEY, origin });
        expect(actual.headers.get('access-control-allow-origin')).toBeNull();
      }
    });
  });

  describe('client addresses behind proxies (failed authentications, AUTH_FAILURES_PER_MINUTE = 3)', () => {
    const badKey = { 'x-api-key': 'wrong-key-0123456789' };

    it('honours X-Forwarded-For from a trusted proxy: each client has its own count', async () => {
      const first = { ...badKey, 'x-forwarded-for': '203.0.113.7' };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await departments(first)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const limited = await departments(first);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await limited.json()) as Problem).detail).toContain('failed authentications');
      expect((await departments({ ...badKey, 'x-forwarded-for': '203.0.113.8' })).status).toBe(401);
      // A key that authenticated moments ago still passes from the blocked address.
      expect((await departments({ 'x-api-key': ADMIN_KEY, 'x-forwarded-for': '203.0.113.7' })).status).toBe(
        200,
      );
    });

    it('ignores X-Forwarded-For when the proxy is not trusted: the connection address counts', async () => {
      const untrusted = await startGateway({ AUTH_FAILURES_PER_MINUTE: '3' });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 4; i += 1) {
          const response = await departments(
            { ...badKey, 'x-forwarded-for': `203.0.113.${20 + i}` },
            untrusted.url,
          );
          statuses.push(response.status);
        }
        expect(statuses).toEqual([401, 401, 401, 429]);
      } finally {
        await untrusted.close();
      }
    });
  });

  describe('the rate limit two gateway replicas share (Redis)', () => {
    it('counts requests to either replica in one budget and answers 429 with Retry-After', async () => {
      const prefix = newPrefix();
      const env = { NATS_PREFIX: prefix, RATE_LIMIT_REDIS_URL: REDIS_URL, RATE_LIMIT_PER_MINUTE: '4' };
      const [first, second] = [await startGateway(env), await startGateway(env)];
      try {
        const statuses = [];
        for (const replica of [first, first, first, second])
          statuses.push((await departments({}, replica.url)).status);
        expect(statuses).toEqual([401, 401, 401, 401]);
        // The second replica has seen one request itself, yet the fifth of the pair is refused.
        const limited = await departments({}, second.url);
        expect(limited.status).toBe(429);
        expect(limited.headers.get('content-type')).toContain('application/problem+json');
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(((await limited.json()) as Problem).code).toBe('RATE_LIMITED');
        expect((await departments({}, first.url)).status).toBe(429);
        expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
      } finally {
        await first.close();
        await second.close().catch(() => undefined);
      }
    });
  });

  describe('hostile text and limits', () => {
    it('400 for NUL and other control characters in a body, before any service is asked', async () => {
      const before = standIns.callsTo(PermissionsSubjects.createDepartment).length;
      for (const name of ['研究生院\u0000', 'bell\u0007', 'esc\u001b[31m']) {
        const response = await fetch(`${gateway.url}/api/v1/departments`, {
          method: 'POST',
          headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' },
          body: JSON.stringify({ code: 'GS', name, type: 'office', parentId: null }),
        });
        expect(response.status).toBe(400);
        const problem = (await response.json()) as Problem;
        expect(problem.code).toBe('VALIDATION_FAILED');
        expect(problem.errors).toEqual([
          expect.objectContaining({ in: 'body', pointer: '/name', code: 'control_character' }),
        ]);
        expect(problem.detail).toContain('Remove them');
      }
      expect(standIns.callsTo(PermissionsSubjects.createDepartment)).toHaveLength(before);
    });

    it('400 for a control character in the query string', async () => {
      const response = await fetch(`${gateway.url}/api/v1/departments?cursor=a%00b`, {
        headers: { 'x-api-key': ADMIN_KEY },
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as Problem).errors?.[0]).toMatchObject({
        in: 'query',
        pointer: '/cursor',
      });
    });

    it('400 for a page size over the maximum', async () => {
      const response = await fetch(`${gateway.url}/api/v1/departments?limit=501`, {
        headers: { 'x-api-key': ADMIN_KEY },
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as Problem).errors?.[0]).toMatchObject({
        in: 'query',
        pointer: '/limit',
      });
    });

    it('413 for a body over BODY_LIMIT_BYTES', async () => {
      const response = await fetch(`${gateway.url}/api/v1/departments`, {
        method: 'POST',
        headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'BIG', name: '大'.repeat(400_000), type: 'office' }),
      });
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    });
  });
});
