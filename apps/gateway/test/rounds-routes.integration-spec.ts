import {
  DomainError,
  PermissionsSubjects,
  RoundsErrorReasons,
  RoundsRpc,
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

const ROUND = '0190b3a4-7c1e-7c3a-8f00-00000000e001';
const TASK = '0190b3a4-7c1e-7c3a-8f00-00000000e0a1';
const DEPT = '0190b3a4-7c1e-7c3a-8f00-00000000000a';
const BOOTSTRAP_ACTOR = { kind: 'client', id: 'bootstrap-admin' };

interface Problem {
  status: number;
  code: string;
  reason?: string;
  detail: string;
  errors?: { in: string; pointer: string; code: string; message: string }[];
  [key: string]: unknown;
}

async function expectProblem(response: Response, status: number, code: string): Promise<Problem> {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const problem = (await response.json()) as Problem;
  expect({ status: response.status, code: problem.code }).toEqual({ status, code });
  return problem;
}

const content = {
  title: '2024年本科招生章程',
  summary: '',
  body: '第一条 总则',
  documents: [],
  attachments: [],
  channels: ['disclosure_site'],
};

/** Each route: how it is called, the subject it asks, what the service gets as body, the status. */
const ROUTES: {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  subject: string;
  sent: unknown;
  status: number;
}[] = [
  {
    name: 'list rounds',
    method: 'GET',
    path: '/rounds?academicYear=2023-2024&status=open',
    subject: RoundsRpc.listRounds.subject,
    sent: { academicYear: '2023-2024', status: 'open', limit: 50 },
    status: 200,
  },
  {
    name: 'create a round',
    method: 'POST',
    path: '/rounds',
    body: {
      name: '2024年春季信息公开目录更新',
      academicYear: '2023-2024',
      half: 'spring',
      noticeText: '各单位：请按时更新。',
      noticeDate: '2024-06-03',
      deadline: { workingDaysAfterNotice: 10 },
    },
    subject: RoundsRpc.createRound.subject,
    sent: {
      name: '2024年春季信息公开目录更新',
      academicYear: '2023-2024',
      half: 'spring',
      noticeText: '各单位：请按时更新。',
      noticeDate: '2024-06-03',
      deadline: { workingDaysAfterNotice: 10 },
      scope: {},
      reminderWorkingDaysBefore: [3, 1],
    },
    status: 201,
  },
  {
    name: 'get a round',
    method: 'GET',
    path: `/rounds/${ROUND}`,
    subject: RoundsRpc.getRound.subject,
    sent: { roundId: ROUND },
    status: 200,
  },
  {
    name: 'open a round without a body',
    method: 'POST',
    path: `/rounds/${ROUND}/open`,
    subject: RoundsRpc.openRound.subject,
    sent: { roundId: ROUND },
    status: 200,
  },
  {
    name: 'close a round by force',
    method: 'POST',
    path: `/rounds/${ROUND}/close`,
    body: { force: true, reason: '学期结束' },
    subject: RoundsRpc.closeRound.subject,
    sent: { roundId: ROUND, force: true, reason: '学期结束' },
    status: 200,
  },
  {
    name: 'a round’s overdue tasks of one department',
    method: 'GET',
    path: `/rounds/${ROUND}/tasks?departmentId=${DEPT}&overdue=true&limit=20`,
    subject: RoundsRpc.listTasks.subject,
    sent: { roundId: ROUND, departmentId: DEPT, overdue: true, limit: 20 },
    status: 200,
  },
  {
    name: 'a round’s progress',
    method: 'GET',
    path: `/rounds/${ROUND}/progress`,
    subject: RoundsRpc.roundProgress.subject,
    sent: { roundId: ROUND },
    status: 200,
  },
  {
    name: 'my tasks as reviewer',
    method: 'GET',
    path: '/tasks?mine=reviewer&status=submitted&flagged=false',
    subject: RoundsRpc.listTasks.subject,
    sent: { mine: 'reviewer', status: 'submitted', flagged: false, limit: 50 },
    status: 200,
  },
  {
    name: 'get a task',
    method: 'GET',
    path: `/tasks/${TASK}`,
    subject: RoundsRpc.getTask.subject,
    sent: { taskId: TASK },
    status: 200,
  },
  {
    name: 'a task’s diff',
    method: 'GET',
    path: `/tasks/${TASK}/diff`,
    subject: RoundsRpc.diffTask.subject,
    sent: { taskId: TASK },
    status: 200,
  },
  {
    name: 'submit',
    method: 'POST',
    path: `/tasks/${TASK}/submit`,
    body: { content, occurredAt: '2024-06-14T23:30:00+08:00' },
    subject: RoundsRpc.submitTask.subject,
    sent: { taskId: TASK, noChange: false, content, occurredAt: '2024-06-14T23:30:00+08:00' },
    status: 200,
  },
  {
    name: 'review',
    method: 'POST',
    path: `/tasks/${TASK}/review`,
    body: { secrecyReviewerName: '陈老师', secrecyDecision: 'cleared' },
    subject: RoundsRpc.reviewTask.subject,
    sent: { taskId: TASK, secrecyReviewerName: '陈老师', secrecyDecision: 'cleared' },
    status: 200,
  },
  {
    name: 'approve without a body',
    method: 'POST',
    path: `/tasks/${TASK}/approve`,
    subject: RoundsRpc.approveTask.subject,
    sent: { taskId: TASK },
    status: 200,
  },
  {
    name: 'return',
    method: 'POST',
    path: `/tasks/${TASK}/return`,
    body: { comments: '请补充附件' },
    subject: RoundsRpc.returnTask.subject,
    sent: { taskId: TASK, comments: '请补充附件' },
    status: 200,
  },
];

describe('rounds routes through the gateway', () => {
  let gateway: StartedGateway;
  let standIns: StandIns;

  const call = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = adminHeaders,
  ) =>
    fetch(`${gateway.url}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const bearer = (personId: string) => ({ authorization: `Bearer ${signJwt({ sub: personId })}` });
  let counter = 0;
  const freshPerson = () => `0190b3a4-7c1e-7c3a-8f00-${String(++counter).padStart(12, '0')}`;
  const deny: Decision = {
    allow: false,
    reason: 'No role binding grants it',
    bindingId: null,
    validUntil: null,
  };

  beforeAll(async () => {
    gateway = await startGateway({ REQUEST_TIMEOUT_MS: '400' });
    standIns = await StandIns.connect(gateway.prefix);
  });

  afterAll(async () => {
    await standIns?.close();
    await gateway?.close();
  });

  afterEach(() => standIns.stopAnswering());

  it.each(ROUTES)('$name: $method $path → $subject', async (route) => {
    await standIns.answer(route.subject, () => sampleReplyOf(route.subject));
    const response = await call(route.method, route.path, route.body);
    expect(response.status).toBe(route.status);
    expect(await response.json()).toEqual(sampleReplyOf(route.subject));
    const [sent] = standIns.callsTo(route.subject);
    expect(sent?.payload).toEqual({
      meta: { actor: BOOTSTRAP_ACTOR, correlationId: response.headers.get('x-correlation-id') },
      body: route.sent,
    });
  });

  it('refuses reads without credentials (401) and lets any signed-in person read without a decision', async () => {
    await standIns.answer(RoundsRpc.listTasks.subject, () => ({ items: [], nextCursor: null }));
    await standIns.answer(PermissionsSubjects.checkPermission, () => deny);
    await expectProblem(await call('GET', '/tasks?mine=liaison', undefined, {}), 401, 'UNAUTHENTICATED');
    const person = freshPerson();
    expect((await call('GET', '/tasks?mine=liaison', undefined, bearer(person))).status).toBe(200);
    expect(standIns.callsTo(PermissionsSubjects.checkPermission)).toHaveLength(0);
    expect(standIns.callsTo(RoundsRpc.listTasks.subject)[0]?.payload).toMatchObject({
      meta: { actor: { kind: 'person', id: person } },
      body: { mine: 'liaison' },
    });
  });

  it.each([
    { method: 'POST', path: '/rounds', body: ROUTES[1]?.body, action: 'rounds.round.manage' },
    { method: 'POST', path: `/rounds/${ROUND}/open`, body: {}, action: 'rounds.round.manage' },
    { method: 'POST', path: `/rounds/${ROUND}/close`, body: {}, action: 'rounds.round.manage' },
    { method: 'POST', path: `/tasks/${TASK}/approve`, body: {}, action: 'rounds.task.approve' },
    {
      method: 'POST',
      path: `/tasks/${TASK}/return`,
      body: { comments: '退回' },
      action: 'rounds.task.approve',
    },
  ])(
    '$method $path asks for $action school-wide and answers 403 when denied',
    async ({ method, path, body, action }) => {
      await standIns.answer(PermissionsSubjects.checkPermission, () => deny);
      const person = freshPerson();
      const problem = await expectProblem(await call(method, path, body, bearer(person)), 403, 'FORBIDDEN');
      expect(problem).toMatchObject({ action, departmentId: null });
      expect(standIns.callsTo(PermissionsSubjects.checkPermission)[0]?.payload).toMatchObject({
        body: { subject: { type: 'person', id: person }, action, departmentId: null },
      });
    },
  );

  it.each([
    {
      path: `/tasks/${TASK}/submit`,
      body: { noChange: true, noChangeReason: '无变化' },
      subject: RoundsRpc.submitTask.subject,
    },
    {
      path: `/tasks/${TASK}/review`,
      body: { secrecyReviewerName: '陈老师', secrecyDecision: 'cleared' },
      subject: RoundsRpc.reviewTask.subject,
    },
  ])(
    'POST $path is decided by rounds for the task’s department; its 403 passes through with its reason',
    async ({ path, body, subject }) => {
      await standIns.answer(PermissionsSubjects.checkPermission, () => deny);
      await standIns.answer(subject, () => {
        throw DomainError.because(
          RoundsErrorReasons.NOT_TASK_LIAISON,
          `Person may not rounds.task.submit task ${TASK} of department ${DEPT}`,
        );
      });
      const person = freshPerson();
      const problem = await expectProblem(await call('POST', path, body, bearer(person)), 403, 'FORBIDDEN');
      expect(problem.reason).toBe('NOT_TASK_LIAISON');
      expect(standIns.callsTo(PermissionsSubjects.checkPermission)).toHaveLength(0);
      expect(standIns.callsTo(subject)[0]?.payload).toMatchObject({
        meta: { actor: { kind: 'person', id: person } },
      });
    },
  );

  it('answers a 409 from rounds with the message that says what must happen first', async () => {
    await standIns.answer(RoundsRpc.approveTask.subject, () => {
      throw DomainError.because(
        RoundsErrorReasons.TASK_WRONG_STATE,
        `Task ${TASK} (item MOE-07) cannot be approved now: it is submitted but not reviewed`,
      );
    });
    const problem = await expectProblem(
      await call('POST', `/tasks/${TASK}/approve`, {}),
      409,
      'PRECONDITION_FAILED',
    );
    expect(problem).toMatchObject({ reason: 'TASK_WRONG_STATE' });
    expect(problem.detail).toMatch(/^Task .+ cannot be approved now: it is submitted but not reviewed\. /);
  });

  describe('bad input is refused at the edge (400 problem+json), without asking rounds', () => {
    const subjects = [
      RoundsRpc.createRound.subject,
      RoundsRpc.submitTask.subject,
      RoundsRpc.closeRound.subject,
    ];

    beforeEach(async () => {
      for (const subject of subjects) await standIns.answer(subject, () => ({}));
    });

    afterEach(() => {
      for (const subject of subjects) expect(standIns.callsTo(subject)).toHaveLength(0);
    });

    it('"no change" without a reason, or with content too', async () => {
      const missing = await expectProblem(
        await call('POST', `/tasks/${TASK}/submit`, { noChange: true }),
        400,
        'VALIDATION_FAILED',
      );
      expect(missing.errors?.map((error) => error.pointer)).toEqual(['/noChangeReason']);
      const both = await expectProblem(
        await call('POST', `/tasks/${TASK}/submit`, { noChange: true, noChangeReason: '无', content }),
        400,
        'VALIDATION_FAILED',
      );
      expect(both.errors?.map((error) => error.pointer)).toEqual(['/content']);
    });

    it('an academic year whose years do not follow, an unknown field, a scope of nothing', async () => {
      const round = ROUTES[1]?.body as Record<string, unknown>;
      const year = await expectProblem(
        await call('POST', '/rounds', { ...round, academicYear: '2023-2025' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(year.errors?.map((error) => error.pointer)).toEqual(['/academicYear']);
      const extra = await expectProblem(
        await call('POST', '/rounds', { ...round, owner: '张三' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(extra.errors?.map((error) => error.pointer)).toEqual(['/owner']);
      await expectProblem(
        await call('POST', '/rounds', { ...round, scope: { itemIds: [] } }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('forcing a round closed without a reason; a task id that is not a UUID', async () => {
      const force = await expectProblem(
        await call('POST', `/rounds/${ROUND}/close`, { force: true }),
        400,
        'VALIDATION_FAILED',
      );
      expect(force.errors?.map((error) => error.pointer)).toEqual(['/reason']);
      const path = await expectProblem(
        await call('POST', '/tasks/MOE-07/submit', { content }),
        400,
        'VALIDATION_FAILED',
      );
      expect(path.errors).toEqual([expect.objectContaining({ in: 'path', pointer: '/id' })]);
    });
  });
});
