import type {
  Department,
  IdentityChangeResult,
  Page,
  PermissionRequest,
  Person,
  RoleBinding,
} from '@gongkai/contracts';
import { startSystem, waitFor, type RunningSystem } from '@gongkai/testing';
import { bearerTokenFor, call, type HttpResult } from './walking-skeleton.e2e-helpers';

const JWT_SECRET = 'e2e-permissions-jwt-secret-0123456789abcdef';
const JWT_ISSUER = 'gongkai-e2e';
/** Far longer than the test: a decision can only change in time because an event dropped it. */
const DECISION_CACHE_TTL_MS = 600_000;

const jwtFor = (personId: string) =>
  bearerTokenFor(personId, { secret: JWT_SECRET, issuer: JWT_ISSUER, ttlSeconds: 600 });

describe('permissions end to end: a person’s rights follow their identity changes, at once', () => {
  let system: RunningSystem;
  let departmentA: Department;
  let departmentB: Department;
  let person: Person;

  const asAdmin = <T>(method: string, path: string, body?: unknown) =>
    call<T>(system, method, path, { body });
  const asPerson = <T>(method: string, path: string) =>
    call<T>(system, method, path, {
      asAdmin: false,
      headers: { authorization: `Bearer ${jwtFor(person.id)}` },
    });
  const mayUpdateCatalogueIn = (department: Department) =>
    asPerson<{ allow?: boolean; detail?: string }>(
      'GET',
      `/api/v1/permissions/check?action=catalogue.item.update&departmentId=${department.id}`,
    );
  const decisionCacheHits = async () => {
    const metrics = await (await fetch(`${system.baseUrl}/metrics`)).text();
    return Number(/^gateway_auth_cache_hits_total\{cache="decision"[^}]*\} (\d+)/m.exec(metrics)?.[1] ?? 0);
  };
  const expectStatus = <T>(result: HttpResult<T>, status: number): T => {
    expect({ status: result.status, body: result.body }).toEqual({ status, body: expect.anything() });
    return result.body;
  };

  beforeAll(async () => {
    system = await startSystem({
      extraEnv: { JWT_SECRET, JWT_ISSUER, DECISION_CACHE_TTL_MS: String(DECISION_CACHE_TTL_MS) },
    });
  }, 120000);

  afterAll(async () => {
    await system?.stop();
  });

  it('sets up two departments and a liaison of A, as the bootstrap admin', async () => {
    const school = expectStatus(
      await asAdmin<Department>('POST', '/api/v1/departments', {
        code: 'UNI',
        name: '某某大学',
        type: 'school',
      }),
      201,
    );
    departmentA = expectStatus(
      await asAdmin<Department>('POST', '/api/v1/departments', {
        code: 'A',
        name: '教务处',
        type: 'office',
        parentId: school.id,
      }),
      201,
    );
    departmentB = expectStatus(
      await asAdmin<Department>('POST', '/api/v1/departments', {
        code: 'B',
        name: '学生处',
        type: 'office',
        parentId: school.id,
      }),
      201,
    );
    person = expectStatus(
      await asAdmin<Person>('POST', '/api/v1/people', {
        staffNo: 'E2E001',
        name: '王小明',
        departmentId: departmentA.id,
        identityType: 'staff',
      }),
      201,
    );
    const binding = expectStatus(
      await asAdmin<RoleBinding>('POST', '/api/v1/role-bindings', {
        subjectType: 'person',
        subjectId: person.id,
        role: 'dept_liaison',
        departmentId: departmentA.id,
        reason: '任命为教务处信息员',
      }),
      201,
    );
    expect(binding).toMatchObject({ role: 'dept_liaison', departmentId: departmentA.id, status: 'active' });
  });

  it('lets the liaison act in A and nowhere else', async () => {
    expect(expectStatus(await mayUpdateCatalogueIn(departmentA), 200)).toMatchObject({ allow: true });
    // Asked again, the gateway answers from its cache: what follows proves events, not TTLs, drop it.
    // (The binding's own event may still be on its way and drop the first cached answer: ask until one is served.)
    await waitFor(
      async () => {
        const hitsBefore = await decisionCacheHits();
        expectStatus(await mayUpdateCatalogueIn(departmentA), 200);
        return (await decisionCacheHits()) === hitsBefore + 1;
      },
      { what: 'a decision served from the gateway cache' },
    );
    const inB = expectStatus(await mayUpdateCatalogueIn(departmentB), 403);
    expect(inB.detail).toContain('dept_liaison');
    // Reading the permissions data is the office's and the auditors' business.
    expectStatus(await asPerson('GET', '/api/v1/people'), 403);
  });

  it('on a transfer to B: the A binding ends, a request for B opens, and A is denied within an event round trip', async () => {
    const transfer = expectStatus(
      await asAdmin<IdentityChangeResult>('POST', `/api/v1/people/${person.id}/identity-changes`, {
        kind: 'transfer',
        toDepartmentId: departmentB.id,
        reason: '调任学生处',
      }),
      201,
    );
    expect(transfer.person.departmentId).toBe(departmentB.id);
    expect(transfer.endedBindings).toEqual([
      expect.objectContaining({ role: 'dept_liaison', departmentId: departmentA.id }),
    ]);
    expect(transfer.openedRequests).toEqual([
      expect.objectContaining({ role: 'dept_liaison', departmentId: departmentB.id }),
    ]);

    // The allow for A is in the gateway's cache (TTL 10 min): only the event can drop it.
    await waitFor(async () => (await mayUpdateCatalogueIn(departmentA)).status === 403, {
      timeoutMs: 5000,
      intervalMs: 50,
      what: 'the cached allow for A to be dropped by the transfer events',
    });
    expectStatus(await mayUpdateCatalogueIn(departmentB), 403);

    const bindings = expectStatus(
      await asAdmin<Page<RoleBinding>>('GET', `/api/v1/role-bindings?subjectId=${person.id}`),
      200,
    );
    expect(bindings.items).toEqual([
      expect.objectContaining({
        departmentId: departmentA.id,
        status: 'ended',
        endReason: 'identity_change',
      }),
    ]);
    const requests = expectStatus(
      await asAdmin<Page<PermissionRequest>>(
        'GET',
        `/api/v1/permission-requests?subjectId=${person.id}&status=requested`,
      ),
      200,
    );
    expect(requests.items).toEqual([
      expect.objectContaining({
        role: 'dept_liaison',
        departmentId: departmentB.id,
        origin: 'identity_change',
      }),
    ]);

    // Approved, the request grants B: the cached denial for B is dropped the same way.
    expectStatus(
      await asAdmin('POST', `/api/v1/permission-requests/${requests.items[0]?.id}/approve`, {
        reason: '同意',
      }),
      200,
    );
    await waitFor(async () => (await mayUpdateCatalogueIn(departmentB)).status === 200, {
      timeoutMs: 5000,
      intervalMs: 50,
      what: 'the cached denial for B to be dropped by binding.granted',
    });
  });

  it('on departure: every request of theirs is refused within an event round trip', async () => {
    expectStatus(await mayUpdateCatalogueIn(departmentB), 200);
    const departed = Date.now();
    expectStatus(
      await asAdmin('POST', `/api/v1/people/${person.id}/identity-changes`, {
        kind: 'depart',
        reason: '离职',
      }),
      201,
    );
    await waitFor(async () => (await mayUpdateCatalogueIn(departmentB)).status === 403, {
      timeoutMs: 5000,
      intervalMs: 50,
      what: 'the cached allow for B to be dropped by the departure events',
    });
    expect(Date.now() - departed).toBeLessThan(5000);
    for (const path of [
      `/api/v1/permissions/check?action=catalogue.item.update&departmentId=${departmentA.id}`,
      `/api/v1/permissions/check?action=complaints.case.read&departmentId=${departmentB.id}`,
      `/api/v1/people/${person.id}/access`,
    ]) {
      expectStatus(await asPerson('GET', path), 403);
    }

    const audit = expectStatus(
      await asAdmin<Page<{ action: string }>>(
        'GET',
        `/api/v1/audit-log?subjectType=person&subjectId=${person.id}&limit=100`,
      ),
      200,
    );
    expect(audit.items.map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        'person.created',
        'binding.granted',
        'person.identity_changed',
        'binding.ended',
      ]),
    );
    expect(expectStatus(await asAdmin('GET', '/api/v1/audit-log/verify'), 200)).toMatchObject({
      valid: true,
    });
  });
});
