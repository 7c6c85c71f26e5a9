import {
  ACTIONS,
  DomainError,
  ErrorCode,
  PermissionsSubjects,
  ROLES,
  type Decision,
} from '@gongkai/contracts';
import type { RpcCall } from '@gongkai/messaging';
import { ACTION, AUTHENTICATED_ONLY, type RouteAction } from '../src/app/auth/auth.decorators';
import { DepartmentsController } from '../src/app/departments/departments.controller';
import { PermissionsModule } from '../src/app/permissions/permissions.module';
import {
  adminHeaders,
  signJwt,
  StandIns,
  startGateway,
  type StartedGateway,
} from './support/gateway-harness';
import { sampleReplyOf } from './support/sample-replies';

const ID = '0190b3a4-7c1e-7c3a-8f00-000000000001';
const DEPT_A = '0190b3a4-7c1e-7c3a-8f00-00000000000a';
const DEPT_B = '0190b3a4-7c1e-7c3a-8f00-00000000000b';
const PERSON = '0190b3a4-7c1e-7c3a-8f00-00000000a11c';

interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
  subject: string;
  /** What the service is sent (after validation and defaults). */
  sent: unknown;
  status: number;
  action: string;
  departmentId?: string | null;
  /** A back-dated command: the back-dating right is checked first, then the action at this time. */
  decidedAt?: string;
}

const reason = '人员调整';

/** Every permissions route: the subject it asks, what it sends, and the decision it needs. */
const ROUTES: RouteCase[] = [
  // departments
  {
    method: 'PATCH',
    path: `/departments/${ID}`,
    body: { parentId: null },
    subject: PermissionsSubjects.updateDepartment,
    sent: { id: ID, parentId: null },
    status: 200,
    action: 'permissions.admin',
  },
  {
    method: 'GET',
    path: `/departments/${ID}/history`,
    subject: PermissionsSubjects.getDepartmentHistory,
    sent: { id: ID },
    status: 200,
    action: 'permissions.read',
  },
  // reorganisations
  {
    method: 'POST',
    path: '/reorganisations/rename',
    body: { departmentId: DEPT_A, name: '新名', effectiveDate: '2024-07-01', reason },
    subject: PermissionsSubjects.renameDepartment,
    sent: { departmentId: DEPT_A, name: '新名', effectiveDate: '2024-07-01', reason },
    status: 201,
    action: 'permissions.admin',
  },
  {
    method: 'POST',
    path: '/reorganisations/merge',
    body: { sourceIds: [DEPT_A, DEPT_B], target: DEPT_A, effectiveDate: '2024-07-01', reason },
    subject: PermissionsSubjects.mergeDepartments,
    sent: { sourceIds: [DEPT_A, DEPT_B], target: DEPT_A, effectiveDate: '2024-07-01', reason },
    status: 201,
    action: 'permissions.admin',
  },
  {
    method: 'POST',
    path: '/reorganisations/split',
    body: {
      sourceId: DEPT_A,
      targets: [
        { code: 'A1', name: 'A1', type: 'office' },
        { code: 'A2', name: 'A2', type: 'office' },
      ],
      assignments: [{ personId: PERSON, targetIndex: 1 }],
      effectiveDate: '2024-07-01',
      reason,
    },
    subject: PermissionsSubjects.splitDepartment,
    sent: expect.objectContaining({ sourceId: DEPT_A, assignments: [{ personId: PERSON, targetIndex: 1 }] }),
    status: 201,
    action: 'permissions.admin',
  },
  {
    method: 'POST',
    path: '/reorganisations/dissolve',
    body: { departmentId: DEPT_B, successorId: DEPT_A, effectiveDate: '2024-07-01', reason },
    subject: PermissionsSubjects.dissolveDepartment,
    sent: { departmentId: DEPT_B, successorId: DEPT_A, effectiveDate: '2024-07-01', reason },
    status: 201,
    action: 'permissions.admin',
  },
  {
    method: 'GET',
    path: `/reorganisations?departmentId=${DEPT_A}`,
    subject: PermissionsSubjects.listReorganisations,
    sent: { departmentId: DEPT_A, limit: 50 },
    status: 200,
    action: 'permissions.read',
  },
  // people
  {
    method: 'GET',
    path: `/people?departmentId=${DEPT_A}&status=active&limit=5`,
    subject: PermissionsSubjects.listPeople,
    sent: { departmentId: DEPT_A, status: 'active', limit: 5 },
    status: 200,
    action: 'permissions.read',
  },
  {
    method: 'POST',
    path: '/people',
    body: { staffNo: 'T001', name: '张三', departmentId: DEPT_A, identityType: 'staff' },
    subject: PermissionsSubjects.createPerson,
    sent: { staffNo: 'T001', name: '张三', departmentId: DEPT_A, identityType: 'staff' },
    status: 201,
    action: 'permissions.admin',
  },
  {
    method: 'GET',
    path: `/people/${PERSON}`,
    subject: PermissionsSubjects.getPerson,
    sent: { id: PERSON },
    status: 200,
    action: 'permissions.read',
  },
  {
    method: 'GET',
    path: `/people/${PERSON}/identity-changes?limit=10`,
    subject: PermissionsSubjects.listIdentityChanges,
    sent: { personId: PERSON, limit: 10 },
    status: 200,
    action: 'permissions.read',
  },
  {
    method: 'POST',
    path: `/people/${PERSON}/identity-changes`,
    body: { kind: 'transfer', toDepartmentId: DEPT_B, occurredAt: '2024-06-01T08:00:00+08:00' },
    subject: PermissionsSubjects.recordIdentityChange,
    sent: {
      personId: PERSON,
      kind: 'transfer',
      toDepartmentId: DEPT_B,
      occurredAt: '2024-06-01T08:00:00+08:00',
    },
    status: 201,
    action: 'permissions.admin',
    decidedAt: '2024-06-01T00:00:00.000Z',
  },
  {
    method: 'GET',
    path: `/people/${PERSON}/access?at=2024-06-01T00:00:00Z`,
    subject: PermissionsSubjects.getPersonAccess,
    sent: { personId: PERSON, at: '2024-06-01T00:00:00Z' },
    status: 200,
    action: 'permissions.read',
  },
  // role bindings
  {
    method: 'GET',
    path: `/role-bindings?subjectId=${PERSON}&status=active`,
    subject: PermissionsSubjects.listRoleBindings,
    sent: { subjectId: PERSON, status: 'active', limit: 50 },
    status: 200,
    action: 'permissions.read',
  },
  {
    method: 'POST',
    path: '/role-bindings',
    body: { subjectType: 'person', subjectId: PERSON, role: 'dept_liaison', departmentId: DEPT_A, reason },
    subject: PermissionsSubjects.grantRoleBinding,
    sent: { subjectType: 'person', subjectId: PERSON, role: 'dept_liaison', departmentId: DEPT_A, reason },
    status: 201,
    action: 'permissions.admin',
  },
  {
    method: 'GET',
    path: `/role-bindings/${ID}`,
    subject: PermissionsSubjects.getRoleBinding,
    sent: { id: ID },
    status: 200,
    action: 'permissions.read',
  },
  {
    method: 'POST',
    path: `/role-bindings/${ID}/revoke`,
    body: { reason },
    subject: PermissionsSubjects.revokeRoleBinding,
    sent: { id: ID, reason },
    status: 200,
    action: 'permissions.admin',
  },
  // permission requests
  {
    method: 'GET',
    path: `/permission-requests/${ID}`,
    subject: PermissionsSubjects.getPermissionRequest,
    sent: { id: ID },
    status: 200,
    action: 'permissions.read',
  },
  // api clients
  {
    method: 'GET',
    path: '/api-clients?status=active',
    subject: PermissionsSubjects.listApiClients,
    sent: { status: 'active', limit: 50 },
    status: 200,
    action: 'permissions.read',
  },
  {
    method: 'POST',
    path: '/api-clients',
    body: { name: 'Disclosure portal', mayActForPersons: true, roles: [{ role: 'campus_client' }] },
    subject: PermissionsSubjects.createApiClient,
    sent: {
      name: 'Disclosure portal',
      mayActForPersons: true,
      actForRoles: [],
      mayBackdate: false,
      roles: [{ role: 'campus_client', departmentId: null }],
    },
    status: 201,
    action: 'permissions.admin',
  },
  {
    method: 'GET',
    path: `/api-clients/${ID}`,
    subject: PermissionsSubjects.getApiClient,
    sent: { id: ID },
    status: 200,
    action: 'permissions.read',
  },
  {
    method: 'POST',
    path: `/api-clients/${ID}/rotate`,
    body: {},
    subject: PermissionsSubjects.rotateApiClientKey,
    sent: { id: ID },
    status: 200,
    action: 'permissions.admin',
  },
  {
    method: 'POST',
    path: `/api-clients/${ID}/revoke`,
    body: { reason },
    subject: PermissionsSubjects.revokeApiClient,
    sent: { id: ID, reason },
    status: 200,
    action: 'permissions.admin',
  },
  // audit log
  {
    method: 'GET',
    path: `/audit-log?subjectType=person&subjectId=${PERSON}`,
    subject: PermissionsSubjects.listAuditLog,
    sent: { subjectType: 'person', subjectId: PERSON, limit: 50 },
    status: 200,
    action: 'audit.read',
  },
  {
    method: 'GET',
    path: '/audit-log/verify',
    subject: PermissionsSubjects.verifyAuditLog,
    sent: {},
    status: 200,
    action: 'audit.read',
  },
];

const allow: Decision = {
  allow: true,
  reason: 'disclosure_admin (school-wide)',
  bindingId: null,
  validUntil: null,
};

describe('permissions routes through the gateway', () => {
  let gateway: StartedGateway;
  let standIns: StandIns;
  let decide: (call: RpcCall) => unknown;
  let personCounter = 0;
  /** A person per request: each decision is asked afresh, never served by another test's cache. */
  const freshPerson = () => `0190b3a4-7c1e-7c3a-8f00-${String(++personCounter).padStart(12, '0')}`;
  const send = (route: Pick<RouteCase, 'method' | 'path' | 'body'>, headers: Record<string, string>) =>
    fetch(`${gateway.url}/api/v1${route.path}`, {
      method: route.method,
      headers: route.body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: route.body === undefined ? undefined : JSON.stringify(route.body),
    });
  const bodies = (subject: string) =>
    standIns.callsTo(subject).map((call) => (call.payload as { body: unknown }).body);

  beforeAll(async () => {
    gateway = await startGateway();
    standIns = await StandIns.connect(gateway.prefix);
  });

  afterAll(async () => {
    await standIns?.close();
    await gateway?.close();
  });

  beforeEach(async () => {
    decide = () => allow;
    await standIns.answer(PermissionsSubjects.checkPermission, (call) => decide(call));
    for (const route of ROUTES) await standIns.answer(route.subject, () => sampleReplyOf(route.subject));
    for (const subject of [
      PermissionsSubjects.approvePermissionRequest,
      PermissionsSubjects.rejectPermissionRequest,
      PermissionsSubjects.openPermissionRequest,
      PermissionsSubjects.listPermissionRequests,
      PermissionsSubjects.getDepartment,
    ]) {
      await standIns.answer(subject, () => sampleReplyOf(subject));
    }
  });

  afterEach(() => standIns.stopAnswering());

  it.each(ROUTES.map((route) => [`${route.method} ${route.path.split('?')[0]}`, route] as const))(
    '%s: needs its action, sends one request with the validated command',
    async (_name, route) => {
      const person = freshPerson();
      const response = await send(route, {
        authorization: `Bearer ${signJwt({ sub: person })}`,
        'x-correlation-id': 'route-test',
      });
      expect(response.status).toBe(route.status);
      expect(await response.json()).toEqual(sampleReplyOf(route.subject));
      expect(bodies(PermissionsSubjects.checkPermission)).toEqual([
        ...(route.decidedAt
          ? [
              {
                subject: { type: 'person', id: person },
                action: 'business-time.backdate',
                departmentId: null,
              },
            ]
          : []),
        {
          subject: { type: 'person', id: person },
          action: route.action,
          departmentId: route.departmentId ?? null,
          ...(route.decidedAt ? { at: route.decidedAt } : {}),
        },
      ]);
      expect(standIns.callsTo(route.subject).map((call) => call.payload)).toEqual([
        { meta: { actor: { kind: 'person', id: person }, correlationId: 'route-test' }, body: route.sent },
      ]);
    },
  );

  it.each(ROUTES.map((route) => [`${route.method} ${route.path.split('?')[0]}`, route] as const))(
    '%s: 403 when the decision denies, without calling the service',
    async (_name, route) => {
      decide = () => ({ allow: false, reason: 'No binding', bindingId: null, validUntil: null });
      const response = await send(route, { authorization: `Bearer ${signJwt({ sub: freshPerson() })}` });
      expect(response.status).toBe(403);
      expect(standIns.callsTo(route.subject)).toHaveLength(0);
    },
  );

  it('rejects an id in the path that is not a UUID with 400, asking nobody', async () => {
    for (const path of [
      '/people/42',
      '/departments/x/history',
      '/role-bindings/nope/revoke',
      '/api-clients/1/rotate',
    ]) {
      const method = path.endsWith('revoke') || path.endsWith('rotate') ? 'POST' : 'GET';
      const response = await send(
        { method, path, body: method === 'POST' ? { reason } : undefined },
        adminHeaders,
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ in: 'path', pointer: '/id', code: 'invalid_format' }],
      });
    }
    expect(ROUTES.flatMap((route) => standIns.callsTo(route.subject))).toHaveLength(0);
  });

  it('rejects invalid commands with 400 naming the fields, asking nobody', async () => {
    const cases: Pick<RouteCase, 'method' | 'path' | 'body'>[] = [
      { method: 'POST', path: `/people/${PERSON}/identity-changes`, body: { kind: 'transfer' } },
      { method: 'POST', path: `/people/${PERSON}/identity-changes`, body: { kind: 'retire' } },
      { method: 'PATCH', path: `/departments/${ID}`, body: {} },
      {
        method: 'POST',
        path: '/role-bindings',
        body: { subjectType: 'robot', subjectId: PERSON, role: 'x' },
      },
      { method: 'POST', path: `/role-bindings/${ID}/revoke`, body: {} },
      { method: 'POST', path: '/reorganisations/merge', body: { sourceIds: [DEPT_A], target: DEPT_B } },
      { method: 'POST', path: '/api-clients', body: { name: 'portal', apiKey: 'mine' } },
      { method: 'GET', path: '/audit-log?action=everything' },
    ];
    for (const route of cases) {
      const response = await send(route, adminHeaders);
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 400,
      });
    }
    expect(ROUTES.flatMap((route) => standIns.callsTo(route.subject))).toHaveLength(0);
  });

  it('leaves opening and listing requests to the service (staff ask for themselves; reviewers see their department’s)', async () => {
    decide = () => {
      throw new Error('the gateway must not decide these');
    };
    const person = freshPerson();
    const headers = { authorization: `Bearer ${signJwt({ sub: person })}` };
    const opened = await send(
      {
        method: 'POST',
        path: '/permission-requests',
        body: {
          subjectType: 'person',
          subjectId: person,
          role: 'dept_liaison',
          departmentId: DEPT_B,
          reason,
        },
      },
      headers,
    );
    expect(opened.status).toBe(201);
    const listed = await send(
      { method: 'GET', path: `/permission-requests?departmentId=${DEPT_A}` },
      headers,
    );
    expect(listed.status).toBe(200);
    const department = await send({ method: 'GET', path: `/departments/${ID}` }, headers);
    expect(department.status).toBe(200);
    expect(bodies(PermissionsSubjects.checkPermission)).toEqual([]);
    expect(bodies(PermissionsSubjects.openPermissionRequest)).toEqual([
      { subjectType: 'person', subjectId: person, role: 'dept_liaison', departmentId: DEPT_B, reason },
    ]);
    expect(bodies(PermissionsSubjects.listPermissionRequests)).toEqual([{ departmentId: DEPT_A, limit: 50 }]);
    const bad = await send(
      {
        method: 'POST',
        path: '/permission-requests',
        body: { subjectType: 'person', subjectId: PERSON, role: 'dept_liaison', departmentId: 'A', reason },
      },
      headers,
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ in: 'body', pointer: '/departmentId' }] });
  });

  it('leaves approve and reject to the service, which alone knows the request’s department', async () => {
    decide = () => {
      throw new Error('the gateway must not decide approvals');
    };
    const person = freshPerson();
    const headers = { authorization: `Bearer ${signJwt({ sub: person })}` };
    const approved = await send(
      { method: 'POST', path: `/permission-requests/${ID}/approve`, body: {} },
      headers,
    );
    expect(approved.status).toBe(200);
    const rejected = await send(
      { method: 'POST', path: `/permission-requests/${ID}/reject`, body: { reason: 'not needed' } },
      headers,
    );
    expect(rejected.status).toBe(200);
    expect(bodies(PermissionsSubjects.checkPermission)).toEqual([]);
    expect(standIns.callsTo(PermissionsSubjects.approvePermissionRequest)[0]?.payload).toMatchObject({
      meta: { actor: { kind: 'person', id: person } },
      body: { id: ID },
    });
    expect(bodies(PermissionsSubjects.rejectPermissionRequest)).toEqual([{ id: ID, reason: 'not needed' }]);
  });

  it("maps the service's refusals like every route (403 from the service's own decision, 404, 409)", async () => {
    await standIns.stopAnswering();
    await standIns.answer(PermissionsSubjects.approvePermissionRequest, () => {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Nobody decides a request about themself');
    });
    await standIns.answer(PermissionsSubjects.getPerson, () => {
      throw new DomainError(ErrorCode.NOT_FOUND, `No person ${PERSON}`);
    });
    await standIns.answer(PermissionsSubjects.revokeRoleBinding, () => {
      throw new DomainError(ErrorCode.PRECONDITION_FAILED, 'The binding already ended');
    });
    expect(
      (await send({ method: 'POST', path: `/permission-requests/${ID}/approve`, body: {} }, adminHeaders))
        .status,
    ).toBe(403);
    expect((await send({ method: 'GET', path: `/people/${PERSON}` }, adminHeaders)).status).toBe(404);
    expect(
      (await send({ method: 'POST', path: `/role-bindings/${ID}/revoke`, body: { reason } }, adminHeaders))
        .status,
    ).toBe(409);
  });

  it('marks replies carrying a new API key as not to be stored', async () => {
    const response = await send({ method: 'POST', path: '/api-clients', body: { name: 'OA' } }, adminHeaders);
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const rotated = await send({ method: 'POST', path: `/api-clients/${ID}/rotate`, body: {} }, adminHeaders);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
  });

  describe('GET /roles', () => {
    it('answers the role table to any authenticated caller, with no NATS call', async () => {
      const response = await send(
        { method: 'GET', path: '/roles' },
        { authorization: `Bearer ${signJwt({ sub: freshPerson() })}` },
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        items: { role: string; actions: string[]; departmentScoped: boolean }[];
      };
      expect(body.items.map((item) => item.role)).toEqual([...ROLES]);
      expect(body.items.find((item) => item.role === 'dept_liaison')).toMatchObject({
        departmentScoped: true,
        actions: expect.arrayContaining(['catalogue.item.update']),
      });
      expect(standIns.callsTo(PermissionsSubjects.checkPermission)).toHaveLength(0);
      expect(standIns.callsTo(PermissionsSubjects.listRoles)).toHaveLength(0);
    });

    it('still needs credentials', async () => {
      expect((await send({ method: 'GET', path: '/roles' }, {})).status).toBe(401);
    });
  });

  describe('GET /permissions/check', () => {
    const check = (query: string, headers: Record<string, string>) =>
      send({ method: 'GET', path: `/permissions/check${query}` }, headers);

    it('200 with the decision when the caller may do the action in the department', async () => {
      const person = freshPerson();
      decide = () => ({
        ...allow,
        reason: 'dept_liaison in A',
        bindingId: ID,
        validUntil: '2099-01-01T00:00:00.000Z',
      });
      const response = await check(`?action=catalogue.item.update&departmentId=${DEPT_A}`, {
        authorization: `Bearer ${signJwt({ sub: person })}`,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        allow: true,
        reason: 'dept_liaison in A',
        bindingId: ID,
        validUntil: '2099-01-01T00:00:00.000Z',
        subject: { type: 'person', id: person },
        action: 'catalogue.item.update',
        departmentId: DEPT_A,
      });
      expect(bodies(PermissionsSubjects.checkPermission)).toEqual([
        { subject: { type: 'person', id: person }, action: 'catalogue.item.update', departmentId: DEPT_A },
      ]);
    });

    it('403 with the reason and the roles to ask for when not', async () => {
      decide = () => ({
        allow: false,
        reason: 'dept_liaison is bound to another department',
        bindingId: null,
        validUntil: null,
      });
      const response = await check(`?action=catalogue.item.update&departmentId=${DEPT_B}`, {
        authorization: `Bearer ${signJwt({ sub: freshPerson() })}`,
      });
      expect(response.status).toBe(403);
      const problem = (await response.json()) as { detail: string };
      expect(problem.detail).toContain(`may not catalogue.item.update in department ${DEPT_B}`);
      expect(problem.detail).toContain('dept_liaison is bound to another department');
      expect(problem.detail).toContain('dept_liaison (信息员)');
    });

    it('400 for an action that does not exist, asking nobody', async () => {
      const response = await check('?action=catalogue.burn', adminHeaders);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ in: 'query', pointer: '/action' }] });
      expect(standIns.callsTo(PermissionsSubjects.checkPermission)).toHaveLength(0);
    });

    it('says the bootstrap admin key may do everything', async () => {
      const response = await check('?action=permissions.admin', adminHeaders);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        allow: true,
        subject: { type: 'client', id: 'bootstrap-admin' },
      });
    });
  });

  it('documents every route with its query, body and replies', async () => {
    const document = (await (await fetch(`${gateway.url}/api/docs-json`)).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: unknown; responses: Record<string, unknown>; security?: unknown }>
      >;
    };
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const route of ROUTES) {
      const path = `/api/v1${route.path.split('?')[0]}`.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}');
      expect(documented).toContain(`${route.method} ${path}`);
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      expect(Object.keys(operation?.responses ?? {})).toEqual(
        expect.arrayContaining([String(route.status), '401', '403']),
      );
      if (route.body !== undefined) expect(operation?.requestBody).toBeDefined();
    }
    expect(documented).toEqual(
      expect.arrayContaining(['GET /api/v1/roles', 'GET /api/v1/permissions/check']),
    );
    expect(
      JSON.stringify(document.paths['/api/v1/people/{id}/identity-changes']?.['post']?.requestBody),
    ).toContain('transfer');
  });

  it('gives every permissions route an action from ACTIONS (or marks it authenticated-only)', () => {
    const controllers = [
      DepartmentsController,
      ...(Reflect.getMetadata('controllers', PermissionsModule) as (new (...args: never[]) => object)[]),
    ];
    const declared: string[] = [];
    for (const controller of controllers) {
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        if (name === 'constructor') continue;
        const handler = (controller.prototype as Record<string, unknown>)[name];
        const route = Reflect.getMetadata(ACTION, handler as object) as RouteAction | undefined;
        const open = Reflect.getMetadata(AUTHENTICATED_ONLY, handler as object) === true;
        expect({ handler: `${controller.name}.${name}`, declared: Boolean(route) || open }).toEqual({
          handler: `${controller.name}.${name}`,
          declared: true,
        });
        if (route?.action) {
          expect(ACTIONS).toContain(route.action);
          declared.push(route.action);
        }
      }
    }
    expect(new Set(declared)).toEqual(
      new Set(['permissions.read', 'permissions.admin', 'permissions.request.approve', 'audit.read']),
    );
  });
});
