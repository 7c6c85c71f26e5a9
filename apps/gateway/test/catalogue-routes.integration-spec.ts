import { createPublicKey } from 'node:crypto';
import { DEVELOPMENT_GATEWAY_ACTOR_PUBLIC_KEY } from '@gongkai/config';
import { ActorProofVerifier, PROVEN_ACTOR_SUBJECTS } from '@gongkai/messaging';
import { fetchLargeBodySafely } from '@gongkai/testing';
import {
  CatalogueErrorReasons,
  CatalogueSubjects,
  CommonErrorReasons,
  DomainError,
  PermissionsSubjects,
  type Decision,
} from '@gongkai/contracts';
import {
  adminHeaders,
  signJwt,
  StandIns,
  startGateway,
  type StartedGateway,
} from './support/gateway-harness';
import { sampleReplyOf } from './support/sample-replies';

const ITEM = '0190b3a4-7c1e-7c3a-8f00-00000000c001';
const PUBLICATION = '0190b3a4-7c1e-7c3a-8f00-00000000c0b1';
const DEPT_A = '0190b3a4-7c1e-7c3a-8f00-00000000000a';
const DEPT_B = '0190b3a4-7c1e-7c3a-8f00-00000000000b';
const BOOTSTRAP_ACTOR = { kind: 'client', id: 'bootstrap-admin' };

interface Problem {
  status: number;
  code: string;
  detail: string;
  instance: string;
  correlationId: string;
  errors?: { in: string; pointer: string; code: string; message: string }[];
  [key: string]: unknown;
}

async function expectProblem(response: Response, status: number, code: string): Promise<Problem> {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const problem = (await response.json()) as Problem;
  expect({ status: response.status, code: problem.code }).toEqual({ status, code });
  expect(problem.correlationId).toBe(response.headers.get('x-correlation-id'));
  return problem;
}

const publicationPath = `/catalogue/items/${ITEM}/publications/${PUBLICATION}`;

/** Each route: how it is called, the subject it asks, what the service gets as body, the status. */
const ROUTES: {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: string;
  body?: unknown;
  subject: string;
  sent: unknown;
  status: number;
}[] = [
  {
    name: 'list categories',
    method: 'GET',
    path: '/catalogue/categories',
    subject: CatalogueSubjects.listCategories,
    sent: {},
    status: 200,
  },
  {
    name: 'list items with filters',
    method: 'GET',
    path: `/catalogue/items?q=${encodeURIComponent('招生')}&categoryCode=02&departmentId=${DEPT_A}&channel=wechat&scope=public&status=active&limit=10`,
    subject: CatalogueSubjects.listItems,
    sent: {
      q: '招生',
      categoryCode: '02',
      departmentId: DEPT_A,
      channel: 'wechat',
      scope: 'public',
      status: 'active',
      limit: 10,
    },
    status: 200,
  },
  {
    name: 'create an item',
    method: 'POST',
    path: '/catalogue/items',
    body: {
      code: 'BIT-001',
      title: '校园安全',
      categoryCode: '10',
      columnUrl: 'https://xxgk.example.edu.cn/aq/',
    },
    subject: CatalogueSubjects.createItem,
    sent: {
      code: 'BIT-001',
      title: '校园安全',
      categoryCode: '10',
      columnUrl: 'https://xxgk.example.edu.cn/aq/',
      scope: 'public',
      cycle: { kind: 'on_change' },
      channels: ['disclosure_site'],
    },
    status: 201,
  },
  {
    name: 'get an item',
    method: 'GET',
    path: `/catalogue/items/${ITEM}`,
    subject: CatalogueSubjects.getItem,
    sent: { itemId: ITEM },
    status: 200,
  },
  {
    name: 'edit an item',
    method: 'PATCH',
    path: `/catalogue/items/${ITEM}`,
    body: { cycle: { kind: 'annual_window', startMonth: 12, endMonth: 1 }, timeLimitDays: null },
    subject: CatalogueSubjects.updateItem,
    sent: {
      itemId: ITEM,
      changes: { cycle: { kind: 'annual_window', startMonth: 12, endMonth: 1 }, timeLimitDays: null },
    },
    status: 200,
  },
  {
    name: 'record a change',
    method: 'POST',
    path: `/catalogue/items/${ITEM}/changes`,
    body: { changedAt: '2024-09-20T10:00:00+08:00' },
    subject: CatalogueSubjects.recordChange,
    sent: { itemId: ITEM, changedAt: '2024-09-20T10:00:00+08:00' },
    status: 200,
  },
  {
    name: 'responsibility on a date',
    method: 'GET',
    path: `/catalogue/items/${ITEM}/responsibility?at=2024-02-29`,
    subject: CatalogueSubjects.getResponsibility,
    sent: { itemId: ITEM, at: '2024-02-29' },
    status: 200,
  },
  {
    name: 'revise responsibility',
    method: 'PUT',
    path: `/catalogue/items/${ITEM}/responsibility`,
    body: {
      leadDepartmentId: DEPT_A,
      coDepartmentIds: [DEPT_B],
      reason: '调整',
      effectiveDate: '2024-09-01',
    },
    subject: CatalogueSubjects.reviseResponsibility,
    sent: {
      itemId: ITEM,
      leadDepartmentId: DEPT_A,
      coDepartmentIds: [DEPT_B],
      reason: '调整',
      effectiveDate: '2024-09-01',
    },
    status: 200,
  },
  {
    name: 'reassign a department',
    method: 'POST',
    path: '/catalogue/responsibilities/reassign-department',
    body: {
      fromDepartmentIds: [DEPT_A],
      toDepartmentId: DEPT_B,
      reason: '合并',
      effectiveDate: '2024-03-01',
    },
    subject: CatalogueSubjects.reassignDepartment,
    sent: {
      fromDepartmentIds: [DEPT_A],
      toDepartmentId: DEPT_B,
      reason: '合并',
      effectiveDate: '2024-03-01',
    },
    status: 200,
  },
  {
    name: 'count revisions',
    method: 'GET',
    path: '/catalogue/responsibility-revisions/count?from=2023-09-01&to=2024-08-31',
    subject: CatalogueSubjects.countRevisions,
    sent: { from: '2023-09-01', to: '2024-08-31' },
    status: 200,
  },
  {
    name: 'list publications',
    method: 'GET',
    path: `/catalogue/items/${ITEM}/publications?state=published`,
    subject: CatalogueSubjects.listPublications,
    sent: { itemId: ITEM, state: 'published', limit: 50 },
    status: 200,
  },
  {
    name: 'search publications',
    method: 'GET',
    path: `/catalogue/publications?q=${encodeURIComponent('分数')}&channel=weibo`,
    subject: CatalogueSubjects.searchPublications,
    sent: { q: '分数', channel: 'weibo', limit: 50 },
    status: 200,
  },
  {
    name: 'create a draft',
    method: 'POST',
    path: `/catalogue/items/${ITEM}/publications`,
    body: {
      title: '招生章程',
      channels: ['disclosure_site', 'wechat'],
      documents: [{ title: 'PDF', url: 'https://a.example.edu.cn/a.pdf' }],
    },
    subject: CatalogueSubjects.createPublication,
    sent: {
      itemId: ITEM,
      title: '招生章程',
      summary: '',
      body: '',
      channels: ['disclosure_site', 'wechat'],
      documents: [{ title: 'PDF', url: 'https://a.example.edu.cn/a.pdf' }],
      attachments: [],
    },
    status: 201,
  },
  {
    name: 'verify the chain',
    method: 'GET',
    path: `/catalogue/items/${ITEM}/publications/verify`,
    subject: CatalogueSubjects.verifyPublications,
    sent: { itemId: ITEM },
    status: 200,
  },
  {
    name: 'get a publication',
    method: 'GET',
    path: publicationPath,
    subject: CatalogueSubjects.getPublication,
    sent: { itemId: ITEM, publicationId: PUBLICATION },
    status: 200,
  },
  {
    name: 'edit a draft',
    method: 'PATCH',
    path: publicationPath,
    body: { body: '正文' },
    subject: CatalogueSubjects.updatePublication,
    sent: { itemId: ITEM, publicationId: PUBLICATION, changes: { body: '正文' } },
    status: 200,
  },
  {
    name: 'submit for review',
    method: 'POST',
    path: `${publicationPath}/submit-for-review`,
    body: {},
    subject: CatalogueSubjects.submitPublication,
    sent: { itemId: ITEM, publicationId: PUBLICATION },
    status: 200,
  },
  {
    name: 'secrecy review',
    method: 'POST',
    path: `${publicationPath}/secrecy-review`,
    body: { reviewer: '李四' },
    subject: CatalogueSubjects.secrecyReviewPublication,
    sent: { itemId: ITEM, publicationId: PUBLICATION, reviewer: '李四', decision: 'cleared' },
    status: 200,
  },
  {
    name: 'publish',
    method: 'POST',
    path: `${publicationPath}/publish`,
    body: {},
    subject: CatalogueSubjects.publishPublication,
    sent: { itemId: ITEM, publicationId: PUBLICATION },
    status: 200,
  },
  {
    name: 'withdraw',
    method: 'POST',
    path: `${publicationPath}/withdraw`,
    body: { reason: '数据有误' },
    subject: CatalogueSubjects.withdrawPublication,
    sent: { itemId: ITEM, publicationId: PUBLICATION, reason: '数据有误' },
    status: 200,
  },
  {
    name: 'diff',
    method: 'GET',
    path: `${publicationPath}/diff`,
    subject: CatalogueSubjects.diffPublication,
    sent: { itemId: ITEM, publicationId: PUBLICATION },
    status: 200,
  },
  {
    name: 'overdue',
    method: 'GET',
    path: `/catalogue/overdue?departmentId=${DEPT_A}`,
    subject: CatalogueSubjects.listOverdue,
    sent: { departmentId: DEPT_A },
    status: 200,
  },
  {
    name: 'settings',
    method: 'GET',
    path: '/catalogue/settings',
    subject: CatalogueSubjects.getSettings,
    sent: {},
    status: 200,
  },
  {
    name: 'change settings',
    method: 'PUT',
    path: '/catalogue/settings',
    body: { defaultTimeLimitDays: 15, reason: '新规' },
    subject: CatalogueSubjects.updateSettings,
    sent: { defaultTimeLimitDays: 15, reason: '新规' },
    status: 200,
  },
];

describe('catalogue routes through the gateway', () => {
  let gateway: StartedGateway;
  let standIns: StandIns;

  const call = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = adminHeaders,
  ) =>
    fetchLargeBodySafely(`${gateway.url}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    gateway = await startGateway({ REQUEST_TIMEOUT_MS: '400' });
    standIns = await StandIns.connect(gateway.prefix);
  });

  afterAll(async () => {
    await standIns?.close();
    await gateway?.close();
  });

  afterEach(() => standIns.stopAnswering());

  /** The harness's gateway signs with the development key (no GATEWAY_ACTOR_SIGNING_KEY in the tests). */
  const actorProofs = new ActorProofVerifier(createPublicKey(DEVELOPMENT_GATEWAY_ACTOR_PUBLIC_KEY));

  it.each(ROUTES)('$name: $method $path → $subject', async (route) => {
    await standIns.answer(route.subject, () => sampleReplyOf(route.subject));
    const response = await call(route.method, route.path, route.body);
    expect(response.status).toBe(route.status);
    expect(await response.json()).toEqual(sampleReplyOf(route.subject));
    const [sent] = standIns.callsTo(route.subject);
    // A subject services may publish too carries the gateway's proof of the actor.
    const proven = PROVEN_ACTOR_SUBJECTS.has(route.subject);
    expect(sent?.payload).toEqual({
      meta: {
        actor: BOOTSTRAP_ACTOR,
        correlationId: response.headers.get('x-correlation-id'),
        ...(proven ? { actorProof: expect.any(Object) } : {}),
      },
      body: route.sent,
    });
    if (proven) expect(actorProofs.problemWith(route.subject, sent?.payload)).toBeNull();
  });

  describe('the public catalogue', () => {
    it('answers without credentials, as the anonymous public reader', async () => {
      await standIns.answer(CatalogueSubjects.publicCatalogue, () => ({ categories: [] }));
      await standIns.answer(CatalogueSubjects.publicItem, () => sampleReplyOf(CatalogueSubjects.publicItem));
      const list = await fetch(`${gateway.url}/api/v1/public/catalogue?q=${encodeURIComponent('招生')}`);
      expect(list.status).toBe(200);
      expect(standIns.callsTo(CatalogueSubjects.publicCatalogue)[0]?.payload).toEqual({
        meta: {
          actor: { kind: 'system', id: 'public-reader' },
          correlationId: list.headers.get('x-correlation-id'),
        },
        body: { q: '招生' },
      });
      expect((await fetch(`${gateway.url}/api/v1/public/catalogue/items/${ITEM}`)).status).toBe(200);
    });

    it('maps a campus-only (or missing) item to 404 problem+json', async () => {
      await standIns.answer(CatalogueSubjects.publicItem, () => {
        throw DomainError.because(
          CatalogueErrorReasons.PUBLIC_ITEM_NOT_FOUND,
          `No public catalogue item ${ITEM}`,
        );
      });
      await expectProblem(
        await fetch(`${gateway.url}/api/v1/public/catalogue/items/${ITEM}`),
        404,
        'NOT_FOUND',
      );
    });
  });

  describe('authentication and actions', () => {
    const bearer = (personId: string) => ({ authorization: `Bearer ${signJwt({ sub: personId })}` });
    let counter = 0;
    const freshPerson = () => `0190b3a4-7c1e-7c3a-8f00-${String(++counter).padStart(12, '0')}`;
    const deny: Decision = {
      allow: false,
      reason: 'No role binding grants it',
      bindingId: null,
      validUntil: null,
    };

    it('refuses reads of the non-public catalogue without credentials (401)', async () => {
      await standIns.answer(CatalogueSubjects.listItems, () => ({ items: [], nextCursor: null }));
      await expectProblem(await call('GET', '/catalogue/items', undefined, {}), 401, 'UNAUTHENTICATED');
      await expectProblem(
        await call('GET', `/catalogue/items/${ITEM}/publications/verify`, undefined, {}),
        401,
        'UNAUTHENTICATED',
      );
      expect(standIns.callsTo(CatalogueSubjects.listItems)).toHaveLength(0);
    });

    it('lets any authenticated person read, without a permission decision', async () => {
      await standIns.answer(CatalogueSubjects.listItems, () => ({ items: [], nextCursor: null }));
      await standIns.answer(PermissionsSubjects.checkPermission, () => deny);
      expect((await call('GET', '/catalogue/items', undefined, bearer(freshPerson()))).status).toBe(200);
      expect(standIns.callsTo(PermissionsSubjects.checkPermission)).toHaveLength(0);
    });

    it.each([
      {
        method: 'POST',
        path: '/catalogue/responsibilities/reassign-department',
        body: {
          fromDepartmentIds: [DEPT_A],
          toDepartmentId: DEPT_B,
          reason: 'r',
          effectiveDate: '2024-01-01',
        },
        action: 'permissions.admin',
      },
      {
        method: 'PUT',
        path: '/catalogue/settings',
        body: { defaultTimeLimitDays: 10, reason: 'r' },
        action: 'permissions.admin',
      },
      {
        method: 'PUT',
        path: `/catalogue/items/${ITEM}/responsibility`,
        body: { leadDepartmentId: DEPT_A, reason: 'r', effectiveDate: '2024-01-01' },
        action: 'permissions.admin',
      },
      {
        method: 'POST',
        path: '/catalogue/items',
        body: { code: 'X', title: 'x', categoryCode: '01' },
        action: 'permissions.admin',
      },
    ])(
      '$method $path asks for $action and answers 403 when denied',
      async ({ method, path, body, action }) => {
        await standIns.answer(PermissionsSubjects.checkPermission, () => deny);
        const person = freshPerson();
        const problem = await expectProblem(await call(method, path, body, bearer(person)), 403, 'FORBIDDEN');
        expect(problem).toMatchObject({ action });
        expect(standIns.callsTo(PermissionsSubjects.checkPermission)[0]?.payload).toMatchObject({
          body: { subject: { type: 'person', id: person }, action },
        });
      },
    );

    it.each([
      {
        method: 'PATCH',
        path: `/catalogue/items/${ITEM}`,
        body: { title: '新' },
        subject: CatalogueSubjects.updateItem,
      },
      {
        method: 'POST',
        path: `/catalogue/items/${ITEM}/publications`,
        body: { title: 't', channels: ['wechat'] },
        subject: CatalogueSubjects.createPublication,
      },
      {
        method: 'POST',
        path: `${publicationPath}/secrecy-review`,
        body: { reviewer: '李四' },
        subject: CatalogueSubjects.secrecyReviewPublication,
      },
      {
        method: 'POST',
        path: `${publicationPath}/publish`,
        body: {},
        subject: CatalogueSubjects.publishPublication,
      },
      {
        method: 'POST',
        path: `${publicationPath}/withdraw`,
        body: { reason: 'r' },
        subject: CatalogueSubjects.withdrawPublication,
      },
    ])(
      '$method $path: item work is decided by the catalogue for the item’s department; its 403 passes through',
      async ({ method, path, body, subject }) => {
        await standIns.answer(PermissionsSubjects.checkPermission, () => deny);
        await standIns.answer(subject, () => {
          throw DomainError.because(
            CommonErrorReasons.PERMISSION_DENIED,
            'Person may not do this for department 财务处',
            { action: 'catalogue.publication.publish' },
          );
        });
        const person = freshPerson();
        const problem = await expectProblem(await call(method, path, body, bearer(person)), 403, 'FORBIDDEN');
        expect(problem.reason).toBe('PERMISSION_DENIED');
        expect(standIns.callsTo(PermissionsSubjects.checkPermission)).toHaveLength(0);
        expect(standIns.callsTo(subject)[0]?.payload).toMatchObject({
          meta: { actor: { kind: 'person', id: person } },
        });
      },
    );
  });

  describe('bad input is refused at the edge, without asking the catalogue', () => {
    const subjects = [
      CatalogueSubjects.createItem,
      CatalogueSubjects.updateItem,
      CatalogueSubjects.createPublication,
      CatalogueSubjects.reviseResponsibility,
    ];

    beforeEach(async () => {
      for (const subject of subjects) await standIns.answer(subject, () => ({}));
    });

    afterEach(() => {
      for (const subject of subjects) expect(standIns.callsTo(subject)).toHaveLength(0);
    });

    it('an unknown cycle → 400 naming the field', async () => {
      const problem = await expectProblem(
        await call('POST', '/catalogue/items', {
          code: 'X',
          title: 'x',
          categoryCode: '01',
          cycle: { kind: 'weekly' },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors?.map((error) => error.pointer)).toContain('/cycle/kind');
    });

    it('a link that is not http(s) → 400', async () => {
      for (const url of ['javascript:alert(1)', 'ftp://files.example.edu.cn/a', 'file:///etc/passwd']) {
        const problem = await expectProblem(
          await call('POST', `/catalogue/items/${ITEM}/publications`, {
            title: 't',
            channels: ['disclosure_site'],
            documents: [{ title: 'd', url }],
          }),
          400,
          'VALIDATION_FAILED',
        );
        expect(problem.errors?.map((error) => error.pointer)).toContain('/documents/0/url');
      }
      await expectProblem(
        await call('PATCH', `/catalogue/items/${ITEM}`, { columnUrl: 'javascript:alert(1)' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('a lead department that is not an id, or also a co-operating department → 400', async () => {
      await expectProblem(
        await call('PUT', `/catalogue/items/${ITEM}/responsibility`, {
          leadDepartmentId: '保卫处',
          reason: 'r',
          effectiveDate: '2024-01-01',
        }),
        400,
        'VALIDATION_FAILED',
      );
      await expectProblem(
        await call('PUT', `/catalogue/items/${ITEM}/responsibility`, {
          leadDepartmentId: DEPT_A,
          coDepartmentIds: [DEPT_A],
          reason: 'r',
          effectiveDate: '2024-13-01',
        }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('a 10 MB body → 413 problem+json', async () => {
      const problem = await expectProblem(
        await call('POST', `/catalogue/items/${ITEM}/publications`, {
          title: '大文件',
          channels: ['disclosure_site'],
          body: '字'.repeat(3_500_000),
        }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      expect(problem.detail).toContain('1048576');
    });

    it('an item id that is not a UUID → 400 located in the path', async () => {
      const problem = await expectProblem(
        await call('PATCH', '/catalogue/items/MOE-07', { title: 'x' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors).toEqual([expect.objectContaining({ in: 'path', pointer: '/itemId' })]);
    });
  });

  it("maps the catalogue's own refusals: unknown category → 400 with the field, wrong state → 409", async () => {
    await standIns.answer(CatalogueSubjects.createItem, () => {
      throw DomainError.because(CatalogueErrorReasons.UNKNOWN_REFERENCE, 'The request is not valid', [
        {
          code: 'custom',
          path: ['body', 'categoryCode'],
          message: 'No category 99; take a code from GET /catalogue/categories',
        },
      ]);
    });
    const problem = await expectProblem(
      await call('POST', '/catalogue/items', { code: 'X', title: 'x', categoryCode: '99' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.reason).toBe('UNKNOWN_REFERENCE');
    expect(problem.errors).toEqual([
      {
        in: 'body',
        pointer: '/categoryCode',
        code: 'custom',
        message: 'No category 99; take a code from GET /catalogue/categories',
      },
    ]);
    await standIns.answer(CatalogueSubjects.publishPublication, () => {
      throw DomainError.because(
        CatalogueErrorReasons.PUBLICATION_WRONG_STATE,
        'Publication is draft; only a secrecy_reviewed one can be published',
      );
    });
    const wrongState = await expectProblem(
      await call('POST', `${publicationPath}/publish`, {}),
      409,
      'PRECONDITION_FAILED',
    );
    expect(wrongState.reason).toBe('PUBLICATION_WRONG_STATE');
  });

  it('answers 503 when the catalogue service is not running', async () => {
    await expectProblem(await call('GET', '/catalogue/items'), 503, 'UNAVAILABLE');
  });
});
