import {
  DomainError,
  PermissionsErrorReasons,
  PermissionsEvents,
  PermissionsSubjects,
  type AuthenticatedClient,
  type Decision,
} from '@gongkai/contracts';
import { connectNats, type RpcCall } from '@gongkai/messaging';
import { publishTestEvent } from '@gongkai/service-testing';
import { waitFor } from '@gongkai/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { NATS_URL, StandIns, startGateway, type StartedGateway } from './support/gateway-harness';
import { sampleReplyOf } from './support/sample-replies';

const PORTAL_ID = '0190b3a4-7c1e-7c3a-8f00-00000000c001';
const HOTLINE_ID = '0190b3a4-7c1e-7c3a-8f00-00000000c002';
const PERSON = '0190b3a4-7c1e-7c3a-8f00-00000000a11c';

const keyOf = (clientId: string, secret: string) => `gk_${clientId.replace(/-/g, '')}_${secret}`;
const PORTAL_KEY = keyOf(PORTAL_ID, 'portal-secret-0123456789abcdef-0123456789');
const HOTLINE_KEY = keyOf(HOTLINE_ID, 'hotline-secret-0123456789abcdef-0123456789');

const CLIENTS: Record<string, AuthenticatedClient> = {
  [PORTAL_KEY]: {
    clientId: PORTAL_ID,
    name: 'Disclosure portal',
    mayActForPersons: true,
    mayBackdate: false,
  },
  [HOTLINE_KEY]: { clientId: HOTLINE_ID, name: 'Hotline desk', mayActForPersons: false, mayBackdate: true },
};

const allow: Decision = { allow: true, reason: 'campus_client', bindingId: null, validUntil: null };

describe('gateway authentication of campus API clients (permissions.api-clients.authenticate)', () => {
  let gateway: StartedGateway;
  let standIns: StandIns;
  let nc: NatsConnection;
  let validKeys: Set<string>;
  // GET /people is decided by the gateway (permissions.read); any caller may list departments.
  const listPeople = (headers: Record<string, string>) => fetch(`${gateway.url}/api/v1/people`, { headers });
  const authentications = () =>
    standIns
      .callsTo(PermissionsSubjects.authenticateApiKey)
      .map((call) => (call.payload as { body: unknown }).body);
  const checkedSubjects = () =>
    standIns
      .callsTo(PermissionsSubjects.checkPermission)
      .map((call) => (call.payload as { body: { subject: unknown } }).body.subject);
  const lastActor = () => {
    const calls = standIns.callsTo(PermissionsSubjects.listPeople);
    return (calls[calls.length - 1]?.payload as { meta: { actor: unknown } } | undefined)?.meta.actor;
  };
  const authenticate = ({ payload }: RpcCall) => {
    const { apiKey } = (payload as { body: { apiKey: string } }).body;
    const client = validKeys.has(apiKey) ? CLIENTS[apiKey] : undefined;
    if (!client)
      throw DomainError.because(PermissionsErrorReasons.API_KEY_INVALID, 'Unknown or revoked API key');
    return client;
  };

  beforeAll(async () => {
    gateway = await startGateway({ REQUEST_TIMEOUT_MS: '400' });
    standIns = await StandIns.connect(gateway.prefix);
    nc = await connectNats({ servers: NATS_URL, name: 'auth-api-keys-test' });
  });

  afterAll(async () => {
    await nc?.close();
    await standIns?.close();
    await gateway?.close();
  });

  beforeEach(async () => {
    validKeys = new Set([PORTAL_KEY, HOTLINE_KEY]);
    await standIns.answer(PermissionsSubjects.authenticateApiKey, authenticate);
    await standIns.answer(PermissionsSubjects.checkPermission, () => allow);
    await standIns.answer(PermissionsSubjects.listPeople, () => ({ items: [], nextCursor: null }));
    await standIns.answer(PermissionsSubjects.checkActing, () => ({ allow: true, reason: 'may act' }));
  });

  afterEach(() => standIns.stopAnswering());

  it('authenticates a campus key through permissions; the client is the actor and the subject decided for', async () => {
    const response = await listPeople({ 'x-api-key': HOTLINE_KEY });
    expect(response.status).toBe(200);
    expect(authentications()).toEqual([{ apiKey: HOTLINE_KEY }]);
    expect(checkedSubjects()).toEqual([{ type: 'client', id: HOTLINE_ID }]);
    expect(lastActor()).toEqual({ kind: 'client', id: HOTLINE_ID });
    expect(JSON.stringify(gateway.logs)).not.toContain(HOTLINE_KEY);
  });

  it('keeps an authenticated key for a short while: the next request asks nobody', async () => {
    expect((await listPeople({ 'x-api-key': HOTLINE_KEY })).status).toBe(200);
    expect(authentications()).toHaveLength(0);
    expect(checkedSubjects()).toHaveLength(0);
  });

  it('401 for a key permissions refuses, asked once: the refusal is remembered for a minute', async () => {
    const unknown = keyOf(HOTLINE_ID, 'guessed-secret-0123456789abcdef-0123456789');
    for (let i = 0; i < 3; i += 1) {
      const response = await listPeople({ 'x-api-key': unknown });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'API_KEY_INVALID' });
    }
    expect(authentications()).toHaveLength(1);
  });

  it('401 without a round trip for a key that cannot be a campus key', async () => {
    for (const key of ['short', 'gk_notahexid_secret', `gk_${'a'.repeat(32)}_`, 'x'.repeat(300)]) {
      expect((await listPeople({ 'x-api-key': key })).status).toBe(401);
    }
    expect(authentications()).toHaveLength(0);
  });

  it('503 when permissions cannot check a key', async () => {
    await standIns.stopAnswering();
    const response = await listPeople({
      'x-api-key': keyOf(PORTAL_ID, 'never-seen-before-0123456789abcdef-012345'),
    });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { detail: string }).detail).toContain('API key could not be checked');
  });

  it('403 for X-Acting-Person from a client not allowed to act for persons, deciding nothing', async () => {
    const response = await listPeople({ 'x-api-key': HOTLINE_KEY, 'x-acting-person': PERSON });
    expect(response.status).toBe(403);
    const problem = (await response.json()) as { reason: string; detail: string };
    expect(problem.reason).toBe('ACTING_FOR_PERSON_NOT_ALLOWED');
    expect(problem.detail).toContain('Hotline desk may not act for a person');
    expect(checkedSubjects()).toHaveLength(0);
  });

  it('decides for the person a client acts for, and keeps the client as onBehalfOf', async () => {
    const response = await listPeople({ 'x-api-key': PORTAL_KEY, 'x-acting-person': PERSON });
    expect(response.status).toBe(200);
    expect(checkedSubjects()).toEqual([{ type: 'person', id: PERSON }]);
    expect(lastActor()).toEqual({ kind: 'person', id: PERSON, onBehalfOf: PORTAL_ID });
  });

  it('lets only clients allowed to back-date send `occurredAt`, also when acting for a person', async () => {
    await standIns.answer(PermissionsSubjects.createPerson, () =>
      sampleReplyOf(PermissionsSubjects.createPerson),
    );
    const body = {
      staffNo: 'L001',
      name: '来信登记',
      departmentId: PERSON,
      identityType: 'external',
      occurredAt: '2024-05-06T09:00:00+08:00',
    };
    const post = (headers: Record<string, string>) =>
      fetch(`${gateway.url}/api/v1/people`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const refused = await post({ 'x-api-key': PORTAL_KEY, 'x-acting-person': PERSON });
    expect(refused.status).toBe(403);
    const problem = (await refused.json()) as { reason: string; detail: string };
    expect(problem.reason).toBe('BACKDATING_NOT_ALLOWED');
    expect(problem.detail).toContain('API client Disclosure portal may not back-date');
    expect((await post({ 'x-api-key': HOTLINE_KEY })).status).toBe(201);
    expect(standIns.callsTo(PermissionsSubjects.createPerson)).toHaveLength(1);
  });

  it('forgets a cached key when its client is rotated: the old key is refused at once', async () => {
    expect((await listPeople({ 'x-api-key': PORTAL_KEY })).status).toBe(200);
    expect((await listPeople({ 'x-api-key': PORTAL_KEY })).status).toBe(200);
    const before = authentications().length;
    validKeys.delete(PORTAL_KEY);
    await publishTestEvent(
      nc,
      gateway.prefix,
      PermissionsEvents.clientRotated,
      {
        clientId: PORTAL_ID,
        subjectType: 'client',
        subjectId: PORTAL_ID,
        rotatedAt: new Date().toISOString(),
      },
      { versions: 2 },
    );
    await waitFor(async () => (await listPeople({ 'x-api-key': PORTAL_KEY })).status === 401, {
      timeoutMs: 3000,
      what: 'the rotated key to be refused',
    });
    expect(authentications().length).toBeGreaterThan(before);
    // Another client's cached key is untouched.
    const hotlineCalls = authentications().filter(
      (body) => (body as { apiKey: string }).apiKey === HOTLINE_KEY,
    );
    expect((await listPeople({ 'x-api-key': HOTLINE_KEY })).status).toBe(200);
    expect(
      authentications().filter((body) => (body as { apiKey: string }).apiKey === HOTLINE_KEY),
    ).toHaveLength(hotlineCalls.length);
  });
});
