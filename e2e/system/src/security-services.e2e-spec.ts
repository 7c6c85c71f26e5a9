import { Client } from 'pg';
import type {
  AuditEntry,
  CatalogueItem,
  Department,
  IssuedApiKey,
  Page,
  PermissionRequest,
  Person,
  Publication,
  RoleBinding,
} from '@gongkai/contracts';
import { startSystem, testDatabaseUrl, waitFor, type RunningSystem } from '@gongkai/testing';
import { bearerTokenFor, call, type HttpResult } from './walking-skeleton.e2e-helpers';

const JWT_SECRET = 'e2e-security-services-jwt-secret-0123456789';
const JWT_ISSUER = 'gongkai-e2e';
const DAY_MS = 86_400_000;

const jwtFor = (personId: string) =>
  bearerTokenFor(personId, { secret: JWT_SECRET, issuer: JWT_ISSUER, ttlSeconds: 900 });

type Problem = { status: number; reason?: string; detail: string; code: string };

/**
 * Issue 9, part B, through the gateway against the built apps, real NATS and PostgreSQL: who sees
 * drafts and actors, acting for a person, four eyes, the fields only the office sets, back-dating
 * decided at the business time, and the three gaps the README listed.
 */
describe('who may see and do what in the services (issue 9, part B)', () => {
  let system: RunningSystem;
  let deptA: Department;
  let deptB: Department;
  const people: Record<string, Person> = {};
  let noRolesKey: string;
  let portal: IssuedApiKey;
  let officeAutomation: IssuedApiKey;
  let item: CatalogueItem;
  let published: Publication;
  let draft: Publication;

  const asAdmin = <T>(method: string, path: string, body?: unknown) =>
    call<T>(system, method, path, { body });
  const as =
    (headers: Record<string, string>) =>
    <T>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> =>
      call<T>(system, method, path, { body, asAdmin: false, headers });
  const asPerson = (name: string) => as({ authorization: `Bearer ${jwtFor(people[name]!.id)}` });
  const actingFor = (client: IssuedApiKey, name: string) =>
    as({ 'x-api-key': client.apiKey, 'x-acting-person': people[name]!.id });
  const expectStatus = <T>(result: HttpResult<T>, status: number): T => {
    expect({ status: result.status, body: result.body }).toEqual({ status, body: expect.anything() });
    return result.body;
  };

  async function person(name: string, departmentId: string, identityType = 'staff'): Promise<Person> {
    const created = expectStatus(
      await asAdmin<Person>('POST', '/api/v1/people', {
        staffNo: `SEC${String(Object.keys(people).length + 1).padStart(3, '0')}`,
        name,
        departmentId,
        identityType,
      }),
      201,
    );
    people[name] = created;
    return created;
  }
  async function grant(name: string, role: string, departmentId: string | null): Promise<RoleBinding> {
    return expectStatus(
      await asAdmin<RoleBinding>('POST', '/api/v1/role-bindings', {
        subjectType: 'person',
        subjectId: people[name]!.id,
        role,
        departmentId,
        reason: '任命',
      }),
      201,
    );
  }

  beforeAll(async () => {
    system = await startSystem({ extraEnv: { JWT_SECRET, JWT_ISSUER } });
    // Six apps on a shared two-core machine: give the start-up room.
  }, 240000);

  afterAll(async () => {
    await system?.stop();
  });

  it('sets up two departments, their people and roles, and three API clients', async () => {
    deptA = expectStatus(
      await asAdmin<Department>('POST', '/api/v1/departments', {
        code: 'JWC',
        name: '教务处',
        type: 'office',
      }),
      201,
    );
    deptB = expectStatus(
      await asAdmin<Department>('POST', '/api/v1/departments', {
        code: 'XSC',
        name: '学生处',
        type: 'office',
      }),
      201,
    );
    await person('信息员甲', deptA.id);
    await grant('信息员甲', 'dept_liaison', deptA.id);
    await person('审核人甲', deptA.id);
    await grant('审核人甲', 'dept_reviewer', deptA.id);
    await person('审核人乙', deptB.id);
    await grant('审核人乙', 'dept_reviewer', deptB.id);
    await person('公开办', deptA.id);
    await grant('公开办', 'disclosure_admin', null);
    await person('派单员', deptB.id);
    await grant('派单员', 'complaint_dispatcher', null);
    await person('教师丙', deptA.id);
    await person('学生丁', deptA.id, 'student');
    await person('离职者', deptA.id);
    await grant('离职者', 'dept_liaison', deptA.id);

    noRolesKey = expectStatus(
      await asAdmin<IssuedApiKey>('POST', '/api/v1/api-clients', { name: '无角色系统' }),
      201,
    ).apiKey;
    portal = expectStatus(
      await asAdmin<IssuedApiKey>('POST', '/api/v1/api-clients', {
        name: '信息公开门户',
        mayActForPersons: true,
        actForRoles: ['dept_liaison'],
      }),
      201,
    );
    expect(portal.client).toMatchObject({ mayActForPersons: true, actForRoles: ['dept_liaison'] });
    officeAutomation = expectStatus(
      await asAdmin<IssuedApiKey>('POST', '/api/v1/api-clients', {
        name: 'OA',
        mayActForPersons: true,
        actForRoles: ['dept_liaison', 'dept_reviewer'],
      }),
      201,
    );
    // No client is ever allowed to act for an administrator.
    const adminActing = await asAdmin<Problem>('POST', '/api/v1/api-clients', {
      name: 'bad',
      mayActForPersons: true,
      actForRoles: ['disclosure_admin'],
    });
    expect(adminActing.status).toBe(400);
  });

  it('a liaison of the item’s department drafts; the office publishes a version reviewed by a named reviewer', async () => {
    const items = expectStatus(
      await asAdmin<Page<CatalogueItem>>('GET', '/api/v1/catalogue/items?limit=500'),
      200,
    );
    item = items.items.find((candidate) => candidate.code === 'MOE-07')!;
    // The catalogue learns departments from permissions' events: retry until it knows A.
    await waitFor(
      async () =>
        (
          await asAdmin('PUT', `/api/v1/catalogue/items/${item.id}/responsibility`, {
            leadDepartmentId: deptA.id,
            reason: '年度责任分工',
            effectiveDate: '2024-01-01',
          })
        ).status === 200,
      { what: 'the responsibility for MOE-07' },
    );
    const base = `/api/v1/catalogue/items/${item.id}/publications`;
    const liaison = asPerson('信息员甲');
    const first = expectStatus(
      await liaison<Publication>('POST', base, {
        title: '2024年本科招生章程',
        body: '第一章 总则',
        channels: ['disclosure_site'],
      }),
      201,
    );
    expectStatus(await liaison('POST', `${base}/${first.id}/submit-for-review`, {}), 200);
    expectStatus(
      await asPerson('审核人甲')('POST', `${base}/${first.id}/secrecy-review`, { reviewer: '李审核' }),
      200,
    );
    published = expectStatus(
      await asPerson('公开办')<Publication>('POST', `${base}/${first.id}/publish`, {}),
      200,
    );
    expect(published).toMatchObject({
      state: 'published',
      version: 1,
      secrecyReview: { reviewer: '李审核' },
    });
    draft = expectStatus(
      await liaison<Publication>('POST', base, {
        title: '2025年本科招生章程（草稿）',
        body: '未定稿',
        channels: ['disclosure_site'],
      }),
      201,
    );
    // The departed liaison leaves: every binding ends.
    expectStatus(
      await asAdmin('POST', `/api/v1/people/${people['离职者']!.id}/identity-changes`, {
        kind: 'depart',
        reason: '离职',
      }),
      201,
    );
  });

  it('shows a client with no roles, a student, a departed person and a client acting for a student only published versions, without actors or reviewer', async () => {
    const callers = {
      'a client with no roles': as({ 'x-api-key': noRolesKey }),
      'a student': asPerson('学生丁'),
      'a departed person': asPerson('离职者'),
      'a client acting for a student': actingFor(portal, '学生丁'),
      'a reviewer of another department': asPerson('审核人乙'),
    };
    for (const [who, caller] of Object.entries(callers)) {
      const drafts = expectStatus(
        await caller<Page<Publication>>('GET', '/api/v1/catalogue/publications?state=draft'),
        200,
      );
      expect({ who, items: drafts.items }).toEqual({ who, items: [] });
      const byDepartment = expectStatus(
        await caller<Page<Publication>>('GET', `/api/v1/catalogue/publications?departmentId=${deptA.id}`),
        200,
      );
      const listed = expectStatus(
        await caller<Page<Publication>>('GET', `/api/v1/catalogue/items/${item.id}/publications`),
        200,
      );
      for (const page of [byDepartment, listed]) {
        expect({ who, ids: page.items.map((publication) => publication.id) }).toEqual({
          who,
          ids: [published.id],
        });
        expect(page.items[0]).toMatchObject({ createdBy: null, publishedBy: null, secrecyReview: null });
        expect(JSON.stringify(page.items)).not.toContain('李审核');
        expect(JSON.stringify(page.items)).not.toContain(people['信息员甲']!.id);
      }
      const one = await caller<Problem>('GET', `/api/v1/catalogue/items/${item.id}/publications/${draft.id}`);
      expect({ who, status: one.status }).toEqual({ who, status: 404 });
      const diff = await caller('GET', `/api/v1/catalogue/items/${item.id}/publications/${draft.id}/diff`);
      expect({ who, status: diff.status }).toEqual({ who, status: 404 });
    }
  });

  it('shows the liaison and the reviewer of the item’s department its drafts, actors and reviewer', async () => {
    for (const name of ['信息员甲', '审核人甲']) {
      const caller = asPerson(name);
      const listed = expectStatus(
        await caller<Page<Publication>>('GET', `/api/v1/catalogue/items/${item.id}/publications`),
        200,
      );
      expect(listed.items.map((publication) => publication.id)).toEqual([draft.id, published.id]);
      expect(listed.items[1]).toMatchObject({
        secrecyReview: { reviewer: '李审核' },
        createdBy: { id: people['信息员甲']!.id },
      });
      const drafts = expectStatus(
        await caller<Page<Publication>>(
          'GET',
          `/api/v1/catalogue/publications?state=draft&departmentId=${deptA.id}`,
        ),
        200,
      );
      expect(drafts.items.map((publication) => publication.id)).toEqual([draft.id]);
      expectStatus(await caller('GET', `/api/v1/catalogue/items/${item.id}/publications/${draft.id}`), 200);
    }
    // The liaison's right stops at its department: with B named, A's drafts stay hidden.
    const asB = expectStatus(
      await asPerson('信息员甲')<Page<Publication>>(
        'GET',
        `/api/v1/catalogue/publications?state=draft&departmentId=${deptB.id}`,
      ),
      200,
    );
    expect(asB.items).toEqual([]);
  });

  it('acts for a person only within the client’s roles, never for an admin or an inactive person; the audit records both', async () => {
    const cases: [string, string][] = [
      ['a reviewer (outside the portal’s dept_liaison)', '审核人甲'],
      ['an administrator', '公开办'],
      ['a departed person', '离职者'],
    ];
    for (const [who, name] of cases) {
      const refused = await actingFor(portal, name)<Problem>('GET', '/api/v1/departments');
      expect({ who, status: refused.status, reason: refused.body.reason }).toEqual({
        who,
        status: 403,
        reason: 'ACTING_FOR_PERSON_REFUSED',
      });
    }
    expect((await actingFor(officeAutomation, '公开办')('GET', '/api/v1/departments')).status).toBe(403);

    // Acting for a teacher with no roles: the teacher asks for a role, and the audit names both.
    const opened = expectStatus(
      await actingFor(portal, '教师丙')<PermissionRequest>('POST', '/api/v1/permission-requests', {
        subjectType: 'person',
        subjectId: people['教师丙']!.id,
        role: 'dept_liaison',
        departmentId: deptA.id,
        reason: '申请担任教务处信息员',
      }),
      201,
    );
    expect(opened.requestedBy).toEqual({
      kind: 'person',
      id: people['教师丙']!.id,
      onBehalfOf: portal.client.id,
    });
    const audit = expectStatus(
      await asAdmin<Page<AuditEntry>>(
        'GET',
        `/api/v1/audit-log?subjectType=person&subjectId=${people['教师丙']!.id}&limit=100`,
      ),
      200,
    );
    expect(audit.items.find((entry) => entry.action === 'request.opened')?.actor).toEqual({
      kind: 'person',
      id: people['教师丙']!.id,
      onBehalfOf: portal.client.id,
    });
    // The liaison may be acted for: the portal drafts in their name.
    expectStatus(
      await actingFor(portal, '信息员甲')('POST', `/api/v1/catalogue/items/${item.id}/publications`, {
        title: '门户代拟',
        channels: ['disclosure_site'],
      }),
      201,
    );
  });

  it('lets staff ask for a role for themselves, but not students, nor staff for somebody else', async () => {
    const ask = (caller: ReturnType<typeof as>, subject: string) =>
      caller<{ status: unknown; reason?: string }>('POST', '/api/v1/permission-requests', {
        subjectType: 'person',
        subjectId: people[subject]!.id,
        role: 'complaint_handler',
        departmentId: deptA.id,
        reason: '承办投诉',
      });
    const own = await ask(asPerson('信息员甲'), '信息员甲');
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({
      status: 'requested',
      requestedBy: { kind: 'person', id: people['信息员甲']!.id },
    });
    expect((await ask(asPerson('学生丁'), '学生丁')).status).toBe(403);
    const forOther = await ask(asPerson('信息员甲'), '教师丙');
    expect({ status: forOther.status, reason: forOther.body.reason }).toEqual({
      status: 403,
      reason: 'PERMISSION_DENIED',
    });
  });

  it('never lets the opener approve a request, directly or through a client acting for them', async () => {
    const open = async (caller: ReturnType<typeof as>, subject: string, role: string) =>
      expectStatus(
        await caller<PermissionRequest>('POST', '/api/v1/permission-requests', {
          subjectType: 'person',
          subjectId: people[subject]!.id,
          role,
          departmentId: deptA.id,
          reason: '新任信息员',
        }),
        201,
      );
    const before = expectStatus(
      await asAdmin<Page<RoleBinding>>('GET', '/api/v1/role-bindings?limit=500'),
      200,
    ).items.length;
    const direct = await open(asPerson('审核人甲'), '教师丙', 'complaint_handler');
    const refused = await asPerson('审核人甲')<Problem>(
      'POST',
      `/api/v1/permission-requests/${direct.id}/approve`,
      {},
    );
    expect({ status: refused.status, reason: refused.body.reason }).toEqual({
      status: 403,
      reason: 'FOUR_EYES_REQUIRED',
    });
    expect(refused.body.detail).toContain('Ask another approver');
    const viaClient = await open(actingFor(officeAutomation, '审核人甲'), '教师丙', 'dept_reviewer');
    const refusedAgain = await asPerson('审核人甲')<Problem>(
      'POST',
      `/api/v1/permission-requests/${viaClient.id}/approve`,
      {},
    );
    expect({ status: refusedAgain.status, reason: refusedAgain.body.reason }).toEqual({
      status: 403,
      reason: 'FOUR_EYES_REQUIRED',
    });
    const throughClient = await actingFor(officeAutomation, '审核人甲')<Problem>(
      'POST',
      `/api/v1/permission-requests/${direct.id}/approve`,
      {},
    );
    expect(throughClient.body.reason).toBe('FOUR_EYES_REQUIRED');
    expect(
      expectStatus(await asAdmin<Page<RoleBinding>>('GET', '/api/v1/role-bindings?limit=500'), 200).items,
    ).toHaveLength(before);
    // Another approver may.
    expectStatus(
      await asPerson('公开办')('POST', `/api/v1/permission-requests/${direct.id}/approve`, {}),
      200,
    );
  });

  it('lets a reviewer list their own department’s requests and not another’s', async () => {
    expectStatus(
      await asAdmin('POST', '/api/v1/permission-requests', {
        subjectType: 'person',
        subjectId: people['派单员']!.id,
        role: 'dept_liaison',
        departmentId: deptB.id,
        reason: '学生处信息员',
      }),
      201,
    );
    const ofA = expectStatus(
      await asPerson('审核人甲')<Page<PermissionRequest>>('GET', '/api/v1/permission-requests?limit=100'),
      200,
    );
    expect(ofA.items.length).toBeGreaterThan(0);
    expect(new Set(ofA.items.map((request) => request.departmentId))).toEqual(new Set([deptA.id]));
    const ofB = expectStatus(
      await asPerson('审核人乙')<Page<PermissionRequest>>('GET', '/api/v1/permission-requests?limit=100'),
      200,
    );
    expect(new Set(ofB.items.map((request) => request.departmentId))).toEqual(new Set([deptB.id]));
    expect(
      (await asPerson('审核人甲')('GET', `/api/v1/permission-requests?departmentId=${deptB.id}`)).status,
    ).toBe(403);
    expect((await asPerson('学生丁')('GET', '/api/v1/permission-requests')).status).toBe(403);
    const all = expectStatus(
      await asPerson('公开办')<Page<PermissionRequest>>('GET', '/api/v1/permission-requests?limit=100'),
      200,
    );
    expect(all.items.length).toBe(ofA.items.length + ofB.items.length);
  });

  it('lets any signed-in caller list departments', async () => {
    for (const caller of [asPerson('学生丁'), as({ 'x-api-key': noRolesKey })]) {
      const listed = expectStatus(
        await caller<Page<Department>>('GET', '/api/v1/departments?limit=100'),
        200,
      );
      expect(listed.items.map((department) => department.code)).toEqual(
        expect.arrayContaining(['JWC', 'XSC']),
      );
      expectStatus(await caller('GET', `/api/v1/departments/${deptA.id}`), 200);
    }
    expect((await call(system, 'GET', '/api/v1/departments', { asAdmin: false })).status).toBe(401);
  });

  it('refuses a liaison the fields only the office sets, and changes nothing', async () => {
    const path = `/api/v1/catalogue/items/${item.id}`;
    const before = expectStatus(await asAdmin<CatalogueItem>('GET', path), 200);
    for (const changes of [
      { scope: 'campus' },
      { status: 'retired' },
      { timeLimitDays: 200 },
      { cycle: { kind: 'anytime' } },
      { categoryCode: before.categoryCode, title: '改名' },
    ]) {
      const refused = await asPerson('信息员甲')<Problem>('PATCH', path, changes);
      expect({ changes, status: refused.status, reason: refused.body.reason }).toEqual({
        changes,
        status: 403,
        reason: 'PERMISSION_DENIED',
      });
    }
    const after = expectStatus(await asAdmin<CatalogueItem>('GET', path), 200);
    const classified = (view: CatalogueItem) => ({
      scope: view.scope,
      status: view.status,
      timeLimitDays: view.timeLimitDays,
      cycle: view.cycle,
      categoryCode: view.categoryCode,
      title: view.title,
      updatedAt: view.updatedAt,
    });
    expect(classified(after)).toEqual(classified(before));
    expect(
      expectStatus(await asPerson('信息员甲')<CatalogueItem>('PATCH', path, { title: '本科招生章程' }), 200)
        .title,
    ).toBe('本科招生章程');
    expect(
      expectStatus(await asPerson('公开办')<CatalogueItem>('PATCH', path, { timeLimitDays: 15 }), 200)
        .timeLimitDays,
    ).toBe(15);
  });

  it('gates back-dating for people as for clients, and decides a back-dated command at its time', async () => {
    const threeDaysAgo = new Date(Date.now() - 3 * DAY_MS).toISOString();
    // A liaison may record a change, but not one of an earlier day.
    const change = await asPerson('信息员甲')<Problem>('POST', `/api/v1/catalogue/items/${item.id}/changes`, {
      changedAt: threeDaysAgo,
    });
    expect({ status: change.status, reason: change.body.reason }).toEqual({
      status: 403,
      reason: 'BACKDATING_NOT_ALLOWED',
    });
    const inDraft = await asPerson('信息员甲')<Problem>(
      'PATCH',
      `/api/v1/catalogue/items/${item.id}/publications/${draft.id}`,
      { informationChangedAt: threeDaysAgo },
    );
    expect(inDraft.body.reason).toBe('BACKDATING_NOT_ALLOWED');
    expectStatus(
      await asPerson('信息员甲')('POST', `/api/v1/catalogue/items/${item.id}/changes`, {
        changedAt: new Date().toISOString(),
      }),
      200,
    );

    const letter = (occurredAt: string) => ({
      kind: 'complaint',
      source: 'letter',
      category: 'logistics',
      title: '来信：宿舍热水',
      content: '一周前寄出的来信。',
      requester: { name: '张三', contact: '13800138000' },
      occurredAt,
    });
    const cases = async () =>
      expectStatus(await asAdmin<Page<unknown>>('GET', '/api/v1/cases?limit=500'), 200).items.length;
    const casesBefore = await cases();
    // The dispatcher may back-date, but was granted today: three days ago they held no role.
    const tooEarly = await asPerson('派单员')<Problem>('POST', '/api/v1/cases', letter(threeDaysAgo));
    expect({ status: tooEarly.status, reason: tooEarly.body.reason }).toEqual({
      status: 403,
      reason: 'PERMISSION_DENIED',
    });
    // A teacher without the right is refused before anything is decided.
    const noRight = await asPerson('教师丙')<Problem>('POST', '/api/v1/cases', letter(threeDaysAgo));
    expect(noRight.body.reason).toBe('BACKDATING_NOT_ALLOWED');
    expect(await cases()).toBe(casesBefore);

    // Once the binding is known to have held ten days ago (as if granted then), the same letter is taken.
    const pg = new Client({ connectionString: testDatabaseUrl(system.runId, 'permissions') });
    await pg.connect();
    try {
      await pg.query(
        `UPDATE role_binding SET valid_from = now() - interval '10 days' WHERE subject_id = $1::uuid`,
        [people['派单员']!.id],
      );
    } finally {
      await pg.end();
    }
    const taken = await asPerson('派单员')<{ case: { receivedAt: string } }>(
      'POST',
      '/api/v1/cases',
      letter(threeDaysAgo),
    );
    expect(taken.status).toBe(201);
    expect(new Date(taken.body.case.receivedAt).toISOString()).toBe(threeDaysAgo);
  });
});
