import { PublicationPublishedV1, RoundsRpc, type Round, type Task } from '@gongkai/contracts';
import { withAnyBody } from '@gongkai/service-testing';
import { waitFor } from '@gongkai/testing';
import { content, RoundsWorld, type Holder } from './support/rounds-fixtures';

/** Business times of the spring round: notice Monday 3 June 2024, deadline 10 working days later. */
const AT = {
  opened: '2024-06-03T09:00:00+08:00',
  rulesSubmitted: '2024-06-10T10:00:00+08:00',
  rulesReviewed: '2024-06-11T10:00:00+08:00',
  rulesApproved: '2024-06-12T10:00:00+08:00',
  scoresSubmitted: '2024-06-12T10:00:00+08:00',
  scoresReturned: '2024-06-13T09:00:00+08:00',
  // The deadline day, late in the evening in Beijing: still on time.
  scoresResubmitted: '2024-06-18T23:30:00+08:00',
  scoresNotCleared: '2024-06-19T09:00:00+08:00',
  scoresResubmittedLate: '2024-06-19T10:00:00+08:00',
  closed: '2024-06-30T17:00:00+08:00',
};

describe('rounds service: a round from draft to closed', () => {
  let world: RoundsWorld;
  let office: Holder;
  let admissions: string;
  let finance: string;
  let logistics: string;
  let wang: Holder;
  let li: Holder;
  let zhao: Holder;
  let chen: Holder;
  let zhou: Holder;
  const items: Record<string, string> = {};
  let round: Round;

  const tasks = async () =>
    (await world.request(RoundsRpc.listTasks, { roundId: round.id, limit: 500 }, office.personId)).items;
  const taskOf = async (code: string): Promise<Task> => {
    const task = (await tasks()).find((candidate) => candidate.itemCode === code);
    if (!task) throw new Error(`no task for ${code}`);
    return task;
  };
  const outbox = (type: string) =>
    world.sql<{ envelope: { payload: Record<string, unknown>; occurredAt: string } }>(
      'SELECT envelope FROM outbox WHERE type = $1 ORDER BY seq',
      [type],
    );

  beforeAll(async () => {
    world = await RoundsWorld.start();
    admissions = await world.department('招生办公室');
    finance = await world.department('财务处');
    logistics = await world.department('后勤保障处');
    office = await world.appoint('张主任', 'disclosure_admin', null);
    // 王 has been admissions' liaison longer than 李: new work goes to 王.
    wang = await world.appoint('王老师', 'dept_liaison', admissions, new Date('2022-09-01T00:00:00Z'));
    li = await world.appoint('李老师', 'dept_liaison', admissions, new Date('2024-03-01T00:00:00Z'));
    zhao = await world.appoint('赵老师', 'dept_liaison', finance);
    chen = await world.appoint('陈老师', 'dept_reviewer', admissions);
    zhou = await world.appoint('周老师', 'dept_reviewer', finance);
    items['MOE-07'] = await world.item('MOE-07', '招生章程', admissions);
    items['MOE-09'] = await world.item('MOE-09', '分省分专业录取分数', admissions);
    items['MOE-20'] = await world.item('MOE-20', '收费项目及标准', finance, {
      coDepartmentIds: [admissions],
    });
    items['MOE-30'] = await world.item('MOE-30', '后勤服务', logistics, { categoryCode: '05' });
    await world.published(items['MOE-07'] as string, 'MOE-07', {
      content: content('2023年本科招生章程', '第一条 总则\n第二条 招生计划 100 人\n第三条 咨询电话'),
    });
  });

  afterAll(() => world?.stop());

  it('creates a draft whose deadline counts Chinese working days, skipping 端午 (10 June 2024)', async () => {
    round = await world.draftRound(office.personId);
    expect(round).toMatchObject({
      status: 'draft',
      noticeDate: '2024-06-03',
      deadline: '2024-06-18',
      deadlineRule: { workingDaysAfterNotice: 10 },
      reminderWorkingDaysBefore: [3, 1],
      scope: {},
      taskCount: 0,
      summary: null,
      history: [
        expect.objectContaining({ action: 'created', actor: { kind: 'person', id: office.personId } }),
      ],
    });
    expect(await world.count('SELECT count(*) AS n FROM task')).toBe(0);
  });

  it('refuses bad input with the field to fix, and changes nothing', async () => {
    const before = await world.count('SELECT count(*) AS n FROM round');
    const badYear = await world.refusal(
      withAnyBody(RoundsRpc.createRound),
      {
        name: '秋季',
        academicYear: '2023-2025',
        half: 'autumn',
        noticeText: '通知',
        noticeDate: '2024-10-08',
        deadline: { date: '2024-10-31' },
      },
      office.personId,
    );
    expect(badYear).toMatchObject({ code: 'VALIDATION_FAILED' });
    const early = await world.refusal(
      RoundsRpc.createRound,
      {
        name: '秋季',
        academicYear: '2024-2025',
        half: 'autumn',
        noticeText: '通知',
        noticeDate: '2024-10-08',
        deadline: { date: '2024-09-30' },
      },
      office.personId,
    );
    expect(early).toMatchObject({
      code: 'VALIDATION_FAILED',
      reason: 'DEADLINE_BEFORE_NOTICE',
      message: 'The deadline 2024-09-30 lies before the notice date 2024-10-08; give a later deadline',
    });
    const future = await world.refusal(
      RoundsRpc.createRound,
      {
        name: '秋季',
        academicYear: '2024-2025',
        half: 'autumn',
        noticeText: '通知',
        noticeDate: '2024-10-08',
        deadline: { date: '2024-10-31' },
        occurredAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
      office.personId,
    );
    expect(future).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ path: ['body', 'occurredAt'] })],
    });
    expect(await world.count('SELECT count(*) AS n FROM round')).toBe(before);
    expect(await world.count("SELECT count(*) AS n FROM outbox WHERE type = 'rounds.round.created'")).toBe(
      before,
    );
  });

  it('refuses to open a scope naming items it has not heard of, saying which', async () => {
    const unknown = '0190b3a4-7c1e-7c3a-8f00-00000000dead';
    const draft = await world.draftRound(office.personId, {
      scope: { itemIds: [items['MOE-07'] as string, unknown] },
    });
    const refusal = await world.refusal(RoundsRpc.openRound, { roundId: draft.id }, office.personId);
    expect(refusal).toMatchObject({
      code: 'PRECONDITION_FAILED',
      reason: 'ROUND_SCOPE_UNKNOWN_ITEMS',
      details: { itemIds: [unknown] },
    });
    expect(await world.count('SELECT count(*) AS n FROM task WHERE round_id = $1', [draft.id])).toBe(0);
  });

  it('opens one task per item for its lead department, to the longest-standing liaison, flagged where there is none; opening again creates nothing', async () => {
    const opened = await world.request(
      RoundsRpc.openRound,
      { roundId: round.id, occurredAt: AT.opened },
      office.personId,
    );
    expect(opened).toMatchObject({ status: 'open', openedAt: '2024-06-03T01:00:00.000Z', taskCount: 4 });
    const byCode = Object.fromEntries((await tasks()).map((task) => [task.itemCode, task]));
    expect(byCode['MOE-07']).toMatchObject({
      departmentId: admissions,
      assigneeId: wang.personId,
      status: 'pending',
      flagged: false,
      deadline: '2024-06-18',
    });
    expect(byCode['MOE-09']).toMatchObject({ departmentId: admissions, assigneeId: wang.personId });
    expect(byCode['MOE-20']).toMatchObject({
      departmentId: finance,
      assigneeId: zhao.personId,
      coDepartmentIds: [admissions],
    });
    expect(byCode['MOE-30']).toMatchObject({ departmentId: logistics, assigneeId: null, flagged: true });
    expect(byCode['MOE-30']?.flagReason).toMatch(/Nobody in department .+ holds dept_liaison/);
    expect(byCode['MOE-30']?.history.map((entry) => entry.action)).toEqual(['created', 'flagged']);

    const again = await world.request(RoundsRpc.openRound, { roundId: round.id }, office.personId);
    expect(again).toMatchObject({ status: 'open', taskCount: 4, openedAt: opened.openedAt });
    expect(await world.count('SELECT count(*) AS n FROM task WHERE round_id = $1', [round.id])).toBe(4);
    expect(await outbox('rounds.task.created')).toHaveLength(4);
    expect(await outbox('rounds.task.flagged')).toHaveLength(1);
    const [openedEvent] = await outbox('rounds.round.opened');
    expect(openedEvent?.envelope).toMatchObject({
      occurredAt: '2024-06-03T01:00:00.000Z',
      payload: { taskCount: 4 },
    });
  });

  it('takes a task from submission to published: diff, review with the secrecy sign-off, approval, the catalogue’s publication', async () => {
    const task = await taskOf('MOE-07');
    const submitted = await world.request(
      RoundsRpc.submitTask,
      {
        taskId: task.id,
        content: content(
          '2024年本科招生章程',
          '第一条 总则\n第二条 招生计划 120 人\n第三条 咨询电话\n第四条 申诉渠道',
        ),
        occurredAt: AT.rulesSubmitted,
      },
      wang.personId,
    );
    expect(submitted).toMatchObject({
      status: 'submitted',
      overdue: false,
      submission: {
        noChange: false,
        submittedBy: wang.personId,
        submittedAt: '2024-06-10T02:00:00.000Z',
        baseVersion: 1,
      },
    });
    const diff = await world.request(RoundsRpc.diffTask, { taskId: task.id }, office.personId);
    expect(diff).toMatchObject({ noChange: false, baseVersion: 1, changedFields: ['title', 'body'] });
    expect(diff.bodyDiff).toEqual([
      { op: 'equal', text: '第一条 总则' },
      { op: 'remove', text: '第二条 招生计划 100 人' },
      { op: 'add', text: '第二条 招生计划 120 人' },
      { op: 'equal', text: '第三条 咨询电话' },
      { op: 'add', text: '第四条 申诉渠道' },
    ]);

    const reviewed = await world.request(
      RoundsRpc.reviewTask,
      {
        taskId: task.id,
        secrecyReviewerName: '陈老师（保密审查员）',
        secrecyDecision: 'cleared',
        occurredAt: AT.rulesReviewed,
      },
      chen.personId,
    );
    expect(reviewed).toMatchObject({
      status: 'reviewed',
      review: { reviewerId: chen.personId, secrecyDecision: 'cleared' },
    });
    const approved = await world.request(
      RoundsRpc.approveTask,
      { taskId: task.id, occurredAt: AT.rulesApproved },
      office.personId,
    );
    expect(approved).toMatchObject({
      status: 'approved',
      approvedBy: office.personId,
      approvedAt: '2024-06-12T02:00:00.000Z',
    });
    const [event] = await outbox('rounds.task.approved');
    expect(event?.envelope.payload).toEqual({
      taskId: task.id,
      roundId: round.id,
      itemId: items['MOE-07'],
      departmentId: admissions,
      content: content(
        '2024年本科招生章程',
        '第一条 总则\n第二条 招生计划 120 人\n第三条 咨询电话\n第四条 申诉渠道',
      ),
      noChange: false,
      noChangeReason: null,
      secrecyReviewer: '陈老师（保密审查员）',
      approvedBy: office.personId,
      approvedAt: '2024-06-12T02:00:00.000Z',
      informationChangedAt: null,
    });

    // The catalogue publishes it (twice delivered: the second changes nothing).
    const publication = await world.published(items['MOE-07'] as string, 'MOE-07', {
      taskId: task.id,
      roundId: round.id,
    });
    const published = await waitFor(
      async () => {
        const current = await taskOf('MOE-07');
        return current.status === 'published' ? current : null;
      },
      { what: 'the task published' },
    );
    expect(published).toMatchObject({
      publicationId: publication.payload.publicationId,
      publishedVersion: 2,
      publishedOnTime: true,
      overdue: false,
    });
    expect(published.history.map((entry) => entry.action)).toEqual([
      'created',
      'submitted',
      'reviewed',
      'approved',
      'published',
    ]);
    expect(published.history[1]).toMatchObject({
      actor: { kind: 'person', id: wang.personId },
      occurredAt: '2024-06-10T02:00:00.000Z',
    });
    await world.redeliver(PublicationPublishedV1, publication);
    expect(await outbox('rounds.task.published')).toHaveLength(1);
    expect((await taskOf('MOE-07')).history).toHaveLength(published.history.length);
  });

  it('refuses a liaison of another department (403) and a liaison reviewing, changing nothing', async () => {
    const task = await taskOf('MOE-09');
    const historyBefore = task.history.length;
    const submit = await world.refusal(
      RoundsRpc.submitTask,
      { taskId: task.id, content: content('录取分数') },
      zhao.personId,
    );
    expect(submit).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_TASK_LIAISON',
      details: { departmentId: admissions },
    });
    expect(submit.message).toMatch(
      new RegExp(
        `Person ${zhao.personId} may not rounds.task.submit task ${task.id} \\(item MOE-09\\) of department ${admissions}`,
      ),
    );
    expect(world.checks.at(-1)).toEqual({
      subject: { type: 'person', id: zhao.personId },
      action: 'rounds.task.submit',
      departmentId: admissions,
    });
    const after = await taskOf('MOE-09');
    expect({ status: after.status, history: after.history.length }).toEqual({
      status: 'pending',
      history: historyBefore,
    });
    expect(await outbox('rounds.task.submitted')).toHaveLength(1);
  });

  it('shows a task’s submission, review and history only to its department’s liaisons and reviewers and the office', async () => {
    const asOffice = await taskOf('MOE-07');
    expect(asOffice.submission).not.toBeNull();
    const asReviewer = await world.request(RoundsRpc.getTask, { taskId: asOffice.id }, chen.personId);
    expect(asReviewer).toEqual(asOffice);

    // 赵 is finance's liaison: he sees where admissions' task stands, not its content or its people.
    const asOutsider = await world.request(RoundsRpc.getTask, { taskId: asOffice.id }, zhao.personId);
    expect(asOutsider).toEqual({
      ...asOffice,
      assigneeId: null,
      submission: null,
      review: null,
      approvedBy: null,
      lastReturnComments: null,
      moves: [],
      history: [],
    });
    const listed = await world.request(RoundsRpc.listTasks, { roundId: round.id, limit: 500 }, zhao.personId);
    expect(listed.items.find((task) => task.itemCode === 'MOE-07')).toEqual(asOutsider);
    // His own department's task keeps its liaison.
    expect(listed.items.find((task) => task.itemCode === 'MOE-20')?.assigneeId).toBe(zhao.personId);

    const diff = await world.refusal(RoundsRpc.diffTask, { taskId: asOffice.id }, zhao.personId);
    expect(diff).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_TASK_READER',
      details: { taskId: asOffice.id, departmentId: admissions },
    });
    expect(diff.message).toContain('Ask the disclosure office (信息公开办)');
  });

  it('answers approving a task that is not reviewed with a 409 saying what must happen first', async () => {
    const task = await taskOf('MOE-09');
    // Any liaison of the department may submit, not only the assignee.
    await world.request(
      RoundsRpc.submitTask,
      { taskId: task.id, content: content('2024年录取分数'), occurredAt: AT.scoresSubmitted },
      li.personId,
    );
    const refusal = await world.refusal(RoundsRpc.approveTask, { taskId: task.id }, office.personId);
    expect(refusal).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'TASK_WRONG_STATE' });
    expect(refusal.message).toBe(
      `Task ${task.id} (item MOE-09) cannot be approved now: it is submitted but not reviewed: ` +
        `a reviewer of department ${admissions} must review it with the secrecy sign-off (POST /tasks/${task.id}/review) before the office approves it`,
    );
    const liaisonReviews = await world.refusal(
      RoundsRpc.reviewTask,
      { taskId: task.id, secrecyReviewerName: '李老师', secrecyDecision: 'cleared' },
      li.personId,
    );
    expect(liaisonReviews).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_TASK_REVIEWER' });
    expect((await taskOf('MOE-09')).status).toBe('submitted');
  });

  it('counts returns, sends a task back when secrecy is not cleared, and judges lateness by the Beijing date of the business time', async () => {
    const task = await taskOf('MOE-09');
    const returned = await world.request(
      RoundsRpc.returnTask,
      { taskId: task.id, comments: '请补充各省录取最低分', occurredAt: AT.scoresReturned },
      office.personId,
    );
    expect(returned).toMatchObject({
      status: 'pending',
      returnCount: 1,
      lastReturnComments: '请补充各省录取最低分',
    });
    const onTime = await world.request(
      RoundsRpc.submitTask,
      { taskId: task.id, content: content('2024年录取分数（补充）'), occurredAt: AT.scoresResubmitted },
      wang.personId,
    );
    expect(onTime).toMatchObject({ status: 'submitted', overdue: false });
    const notCleared = await world.request(
      RoundsRpc.reviewTask,
      {
        taskId: task.id,
        secrecyReviewerName: '陈老师',
        secrecyDecision: 'not_cleared',
        comments: '删除考生个人信息',
        occurredAt: AT.scoresNotCleared,
      },
      chen.personId,
    );
    expect(notCleared).toMatchObject({
      status: 'pending',
      returnCount: 1,
      lastReturnComments: '删除考生个人信息',
    });
    // Earlier the same day than the review that sent it back: refused at occurredAt, nothing changed.
    const early = await world.refusal(
      RoundsRpc.submitTask,
      {
        taskId: task.id,
        content: content('2024年录取分数（删除个人信息）'),
        occurredAt: '2024-06-19T07:00:00+08:00',
      },
      wang.personId,
    );
    expect(early).toMatchObject({
      code: 'VALIDATION_FAILED',
      reason: 'STEP_BEFORE_PREVIOUS_STEP',
      details: [expect.objectContaining({ path: ['body', 'occurredAt'] })],
    });
    expect((await taskOf('MOE-09')).status).toBe('pending');
    const late = await world.request(
      RoundsRpc.submitTask,
      {
        taskId: task.id,
        content: content('2024年录取分数（删除个人信息）'),
        occurredAt: AT.scoresResubmittedLate,
      },
      wang.personId,
    );
    expect(late).toMatchObject({ status: 'submitted', overdue: true });
    const [, , third] = (await outbox('rounds.task.submitted')).filter(
      (event) => event.envelope.payload['taskId'] === task.id,
    );
    expect(third?.envelope.payload).toMatchObject({
      lateSubmission: true,
      submittedAt: '2024-06-19T02:00:00.000Z',
    });
  });

  it('approves "no change" with its reason, which the catalogue confirms', async () => {
    const task = await taskOf('MOE-20');
    await world.request(
      RoundsRpc.submitTask,
      {
        taskId: task.id,
        noChange: true,
        noChangeReason: '本学期收费标准无变化',
        occurredAt: '2024-06-14T16:00:00+08:00',
      },
      zhao.personId,
    );
    const diff = await world.request(RoundsRpc.diffTask, { taskId: task.id }, zhao.personId);
    expect(diff).toMatchObject({ noChange: true, changedFields: [], bodyDiff: [] });
    await world.request(
      RoundsRpc.reviewTask,
      {
        taskId: task.id,
        secrecyReviewerName: '周老师',
        secrecyDecision: 'cleared',
        occurredAt: '2024-06-17T09:00:00+08:00',
      },
      zhou.personId,
    );
    await world.request(
      RoundsRpc.approveTask,
      { taskId: task.id, occurredAt: '2024-06-17T15:00:00+08:00' },
      office.personId,
    );
    const approval = (await outbox('rounds.task.approved')).find(
      (event) => event.envelope.payload['taskId'] === task.id,
    );
    expect(approval?.envelope.payload).toMatchObject({
      noChange: true,
      content: null,
      noChangeReason: '本学期收费标准无变化',
    });
    await world.confirmed(items['MOE-20'] as string, 'MOE-20', task.id, round.id);
    const confirmed = await waitFor(
      async () => {
        const current = await taskOf('MOE-20');
        return current.status === 'published' ? current : null;
      },
      { what: 'the confirmation' },
    );
    expect(confirmed).toMatchObject({ publicationId: null, publishedVersion: null, publishedOnTime: true });
  });

  it('lists tasks for the people who work them, a page at a time, and a round’s progress per department', async () => {
    const mine = await world.request(RoundsRpc.listTasks, { mine: 'liaison', limit: 50 }, wang.personId);
    expect(mine.items.map((task) => task.itemCode).sort()).toEqual(['MOE-07', 'MOE-09']);
    expect(
      (await world.request(RoundsRpc.listTasks, { mine: 'liaison', limit: 50 }, li.personId)).items,
    ).toEqual([]);
    const toReview = await world.request(RoundsRpc.listTasks, { mine: 'reviewer', limit: 50 }, chen.personId);
    expect(toReview.items.map((task) => task.itemCode)).toEqual(['MOE-09']);
    expect(
      (await world.request(RoundsRpc.listTasks, { mine: 'reviewer', limit: 50 }, zhou.personId)).items,
    ).toEqual([]);
    const department = await world.request(
      RoundsRpc.listTasks,
      { departmentId: admissions, limit: 50 },
      office.personId,
    );
    expect(department.items).toHaveLength(2);
    const overdue = await world.request(
      RoundsRpc.listTasks,
      { roundId: round.id, overdue: true, limit: 50 },
      office.personId,
    );
    expect(overdue.items.map((task) => task.itemCode).sort()).toEqual(['MOE-09', 'MOE-30']);
    const flagged = await world.request(
      RoundsRpc.listTasks,
      { roundId: round.id, flagged: true, limit: 50 },
      office.personId,
    );
    expect(flagged.items.map((task) => task.itemCode)).toEqual(['MOE-30']);

    const first = await world.request(RoundsRpc.listTasks, { roundId: round.id, limit: 3 }, office.personId);
    const second = await world.request(
      RoundsRpc.listTasks,
      { roundId: round.id, limit: 3, cursor: first.nextCursor as string },
      office.personId,
    );
    expect(first.items).toHaveLength(3);
    expect(second).toMatchObject({ nextCursor: null });
    expect([...first.items, ...second.items].map((task) => task.itemCode)).toEqual([
      'MOE-07',
      'MOE-09',
      'MOE-20',
      'MOE-30',
    ]);

    const progress = await world.request(RoundsRpc.roundProgress, { roundId: round.id }, office.personId);
    const byDepartment = Object.fromEntries(progress.departments.map((entry) => [entry.departmentId, entry]));
    expect(byDepartment[admissions]).toMatchObject({
      departmentName: '招生办公室',
      published: 1,
      submitted: 1,
      overdue: 1,
      flagged: 0,
    });
    expect(byDepartment[finance]).toMatchObject({ departmentName: '财务处', published: 1, overdue: 0 });
    expect(byDepartment[logistics]).toMatchObject({
      departmentName: '后勤保障处',
      pending: 1,
      overdue: 1,
      flagged: 1,
    });

    const rounds = await world.request(RoundsRpc.listRounds, { status: 'open', limit: 10 }, office.personId);
    expect(rounds.items.map((candidate) => candidate.id)).toEqual([round.id]);
  });

  it('closes only when no task waits for approval, or forced with a reason, recording the exact summary', async () => {
    const refusal = await world.refusal(
      RoundsRpc.closeRound,
      { roundId: round.id, occurredAt: AT.closed },
      office.personId,
    );
    expect(refusal).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'ROUND_HAS_TASKS_IN_REVIEW' });
    expect(refusal.message).toMatch(
      /1 task\(s\) of round .+ wait between submission and approval \(MOE-09: submitted\)/,
    );
    expect((await world.request(RoundsRpc.getRound, { roundId: round.id }, office.personId)).status).toBe(
      'open',
    );

    const closed = await world.request(
      RoundsRpc.closeRound,
      { roundId: round.id, force: true, reason: '学期结束，未完成事项转入秋季轮次', occurredAt: AT.closed },
      office.personId,
    );
    const summary = {
      inScope: 4,
      updated: 1,
      unchanged: 1,
      returnedAtLeastOnce: 1,
      overdue: 2,
      publishedOnTime: 2,
      onTimeRate: 0.5,
      unfinished: 2,
    };
    expect(closed).toMatchObject({
      status: 'closed',
      closedAt: '2024-06-30T09:00:00.000Z',
      closedForcedReason: '学期结束，未完成事项转入秋季轮次',
      summary,
    });
    expect(closed.history.map((entry) => entry.action)).toEqual(['created', 'opened', 'closed (forced)']);
    const [event] = await outbox('rounds.round.closed');
    expect(event?.envelope.payload).toMatchObject({ forced: true, summary });
    const afterClose = await world.refusal(
      RoundsRpc.reviewTask,
      { taskId: (await taskOf('MOE-09')).id, secrecyReviewerName: '陈老师', secrecyDecision: 'cleared' },
      chen.personId,
    );
    expect(afterClose).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'ROUND_NOT_OPEN' });
  });
});
