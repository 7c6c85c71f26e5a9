import {
  DomainError,
  ErrorCode,
  PermissionsSubjects,
  PermissionsEvents,
  type Decision,
  type EventPayload,
} from '@gongkai/contracts';
import { connectNats, type RpcCall } from '@gongkai/messaging';
import { publishTestEvent } from '@gongkai/service-testing';
import { waitFor } from '@gongkai/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import {
  adminHeaders,
  NATS_URL,
  signJwt,
  StandIns,
  startGateway,
  type StartedGateway,
} from './support/gateway-harness';

const ALICE = '0190b3a4-7c1e-7c3a-8f00-00000000a11c';
const BOB = '0190b3a4-7c1e-7c3a-8f00-0000000000b0';
const CAROL = '0190b3a4-7c1e-7c3a-8f00-00000000ca40';
const DEPT_A = '0190b3a4-7c1e-7c3a-8f00-00000000000a';
const DEPT_B = '0190b3a4-7c1e-7c3a-8f00-00000000000b';
const BINDING = '0190b3a4-7c1e-7c3a-8f00-0000000000bb';

/** A binding.ended event as the permissions service emits it (contracts: PermissionsEvents). */
const bindingEnded = (subjectId: string): EventPayload<typeof PermissionsEvents.bindingEnded> => ({
  bindingId: BINDING,
  subjectType: 'person',
  subjectId,
  role: 'auditor',
  departmentId: null,
  validFrom: '2024-09-01T00:00:00.000Z',
  validTo: null,
  endedAt: new Date().toISOString(),
  endReason: 'revoked',
  identityChangeId: null,
  reorganisationId: null,
});

const departmentMerged: EventPayload<typeof PermissionsEvents.departmentMerged> = {
  reorganisationId: BINDING,
  effectiveDate: '2024-07-01',
  reason: '机构改革',
  affectedDepartmentIds: [DEPT_A, DEPT_B],
  departments: [],
  movedPeople: [],
  movedBindings: [],
  endedBindings: [],
  sourceIds: [DEPT_A, DEPT_B],
  targetId: DEPT_A,
  targetCreated: false,
};

const allow = (validUntil: string | null = null): Decision => ({
  allow: true,
  reason: 'auditor (school-wide) grants permissions.read',
  bindingId: BINDING,
  validUntil,
});
const deny: Decision = {
  allow: false,
  reason: 'No role binding in force grants permissions.read school-wide',
  bindingId: null,
  validUntil: null,
};

const bearer = (personId: string) => ({ authorization: `Bearer ${signJwt({ sub: personId })}` });

interface Problem {
  status: number;
  code: string;
  detail: string;
  [key: string]: unknown;
}

describe('gateway authorization: permissions.decisions.check, cached until an event says otherwise', () => {
  let gateway: StartedGateway;
  let standIns: StandIns;
  let nc: NatsConnection;
  let decide: (call: RpcCall) => unknown;
  // GET /people is decided by the gateway (permissions.read, school-wide); any caller may list departments.
  const listPeople = (headers: Record<string, string>) => fetch(`${gateway.url}/api/v1/people`, { headers });
  const checks = () =>
    standIns
      .callsTo(PermissionsSubjects.checkPermission)
      .map((call) => call.payload as { meta: unknown; body: unknown });
  const listCalls = () => standIns.callsTo(PermissionsSubjects.listPeople);
  const publish = <T extends z.ZodType>(
    definition: Parameters<typeof publishTestEvent<T>>[2],
    payload: z.input<T>,
  ) => publishTestEvent(nc, gateway.prefix, definition, payload, { versions: 2 });

  beforeAll(async () => {
    gateway = await startGateway({ REQUEST_TIMEOUT_MS: '400' });
    standIns = await StandIns.connect(gateway.prefix);
    nc = await connectNats({ servers: NATS_URL, name: 'auth-decisions-test' });
  });

  afterAll(async () => {
    await nc?.close();
    await standIns?.close();
    await gateway?.close();
  });

  beforeEach(async () => {
    decide = () => allow();
    await standIns.answer(PermissionsSubjects.checkPermission, (call) => decide(call));
    await standIns.answer(PermissionsSubjects.listPeople, () => ({ items: [], nextCursor: null }));
    await standIns.answer(PermissionsSubjects.checkActing, () => ({ allow: true, reason: 'may act' }));
  });

  afterEach(() => standIns.stopAnswering());

  /** Each test its own person, so decisions cached by another test never answer for it. */
  let personCounter = 0;
  const freshPerson = () => `0190b3a4-7c1e-7c3a-8f00-${String(++personCounter).padStart(12, '0')}`;

  it("asks for the JWT's person, the route's action and scope, and lets an allowed request through", async () => {
    const person = freshPerson();
    const response = await listPeople({ ...bearer(person), 'x-correlation-id': 'check-corr-1' });
    expect(response.status).toBe(200);
    expect(checks()).toEqual([
      {
        meta: { actor: { kind: 'system', id: 'gateway' }, correlationId: 'check-corr-1' },
        body: { subject: { type: 'person', id: person }, action: 'permissions.read', departmentId: null },
      },
    ]);
    expect(listCalls()).toHaveLength(1);
  });

  it('403 problem+json with the reason and whom to ask, without calling the service', async () => {
    decide = () => deny;
    const person = freshPerson();
    const response = await listPeople(bearer(person));
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as Problem;
    expect(problem.code).toBe('FORBIDDEN');
    expect(problem.detail).toContain(`Person ${person} may not permissions.read school-wide`);
    expect(problem.detail).toContain(deny.reason);
    expect(problem.detail).toContain('Ask the disclosure office');
    expect(problem.detail).toContain('auditor');
    expect(problem).toMatchObject({
      reason: 'PERMISSION_DENIED',
      action: 'permissions.read',
      departmentId: null,
      decisionReason: deny.reason,
    });
    expect(listCalls()).toHaveLength(0);
  });

  it('503 (never allow) when the permissions service does not answer, or answers too slowly', async () => {
    await standIns.stopAnswering();
    await standIns.answer(PermissionsSubjects.listPeople, () => ({ items: [], nextCursor: null }));
    const down = await listPeople(bearer(freshPerson()));
    expect(down.status).toBe(503);
    expect(((await down.json()) as Problem).detail).toContain('Permissions could not be checked');

    await standIns.answer(PermissionsSubjects.checkPermission, async () => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      return allow();
    });
    const slow = await listPeople(bearer(freshPerson()));
    expect(slow.status).toBe(503);
    expect(listCalls()).toHaveLength(0);
  });

  it('500 (never allow) when the answer is not a Decision or an error', async () => {
    decide = () => ({ allow: 'yes' });
    expect((await listPeople(bearer(freshPerson()))).status).toBe(500);
    decide = () => {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'action is not known');
    };
    expect((await listPeople(bearer(freshPerson()))).status).toBe(500);
    expect(listCalls()).toHaveLength(0);
  });

  it('answers a repeated request from the cache: no second NATS call; counted on /metrics', async () => {
    const person = freshPerson();
    expect((await listPeople(bearer(person))).status).toBe(200);
    expect((await listPeople(bearer(person))).status).toBe(200);
    expect(checks()).toHaveLength(1);
    expect(listCalls()).toHaveLength(2);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_auth_cache_hits_total\{cache="decision",service="gateway"\} [1-9]/);
    expect(metrics).toMatch(/gateway_auth_cache_misses_total\{cache="decision",service="gateway"\} [1-9]/);
  });

  it('caches a denial too, and each action and scope on its own', async () => {
    decide = () => deny;
    const person = freshPerson();
    expect((await listPeople(bearer(person))).status).toBe(403);
    expect((await listPeople(bearer(person))).status).toBe(403);
    const post = await fetch(`${gateway.url}/api/v1/departments`, {
      method: 'POST',
      headers: { ...bearer(person), 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'X', name: 'X', type: 'office' }),
    });
    expect(post.status).toBe(403);
    expect(checks().map((call) => (call.body as { action: string }).action)).toEqual([
      'permissions.read',
      'permissions.admin',
    ]);
  });

  it('keeps a decision no longer than its validUntil', async () => {
    const person = freshPerson();
    decide = () => allow(new Date(Date.now() + 300).toISOString());
    await listPeople(bearer(person));
    await listPeople(bearer(person));
    expect(checks()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await listPeople(bearer(person));
    expect(checks()).toHaveLength(2);
  });

  it("drops a subject's decisions when its binding ends: the next request asks again and is denied", async () => {
    expect((await listPeople(bearer(ALICE))).status).toBe(200);
    expect((await listPeople(bearer(BOB))).status).toBe(200);
    expect((await listPeople(bearer(CAROL))).status).toBe(200);
    expect(checks()).toHaveLength(3);

    decide = () => deny;
    // Bob's event must leave Alice's entry alone; Carol's (published after it) shows both were read.
    await publish(PermissionsEvents.bindingEnded, bindingEnded(BOB));
    await publish(PermissionsEvents.bindingEnded, bindingEnded(CAROL));
    await waitFor(async () => (await listPeople(bearer(CAROL))).status === 403, {
      timeoutMs: 3000,
      what: "Carol's cached decision to be dropped by her event",
    });
    expect((await listPeople(bearer(BOB))).status).toBe(403);
    expect((await listPeople(bearer(ALICE))).status).toBe(200);
    const askedFor = checks().map((call) => (call.body as { subject: { id: string } }).subject.id);
    expect(askedFor.slice(3).sort()).toEqual([BOB, CAROL].sort());
  });

  it('drops every decision on a reorganisation event', async () => {
    const [dora, emil] = [freshPerson(), freshPerson()];
    await listPeople(bearer(dora));
    await listPeople(bearer(emil));
    decide = () => deny;
    await publish(PermissionsEvents.departmentMerged, departmentMerged);
    await waitFor(async () => (await listPeople(bearer(dora))).status === 403, {
      timeoutMs: 3000,
      what: 'every cached decision to be dropped by the reorganisation',
    });
    expect((await listPeople(bearer(emil))).status).toBe(403);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(
      /gateway_auth_cache_invalidations_total\{cache="decision",scope="all",service="gateway"\} [1-9]/,
    );
  });

  it('lets the bootstrap admin key through without asking, to set up a fresh install', async () => {
    decide = () => deny;
    expect((await listPeople(adminHeaders)).status).toBe(200);
    expect(checks()).toHaveLength(0);
  });

  it('decides for the person when the bootstrap admin acts for one, and keeps the client as onBehalfOf', async () => {
    const person = freshPerson();
    decide = () => deny;
    const denied = await listPeople({ ...adminHeaders, 'x-acting-person': person });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as Problem).detail).toMatch(
      /acted for by API client .*\(bootstrap-admin\)/,
    );
    expect(checks()[0]?.body).toMatchObject({ subject: { type: 'person', id: person } });

    const other = freshPerson();
    decide = () => allow();
    expect((await listPeople({ ...adminHeaders, 'x-acting-person': other })).status).toBe(200);
    expect((listCalls()[0]?.payload as { meta: { actor: unknown } }).meta.actor).toEqual({
      kind: 'person',
      id: other,
      onBehalfOf: 'bootstrap-admin',
    });
  });

  it('401 for a token whose subject is not a person id, without asking', async () => {
    const response = await listPeople({ authorization: `Bearer ${signJwt({ sub: 'alice' })}` });
    expect(response.status).toBe(401);
    expect(checks()).toHaveLength(0);
  });
});
