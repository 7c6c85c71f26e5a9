import type { CatalogueItem, Page, Publication, ResponsibilityView, Round, Task } from '@gongkai/contracts';
import { startSystem, waitFor, type RunningSystem } from '@gongkai/testing';
import { Campus, content, WAIT_MS, type Problem } from './rounds.e2e-helpers';

// Whole scenarios under one test each, on a shared machine: limits, not expectations of speed.
jest.setTimeout(900_000);

interface Worker {
  liaison: string;
  reviewer: string;
}

/**
 * Update rounds through the gateway on the built apps (DESIGN.md workflows 1–3): the seed year's
 * two rounds worked concurrently by the departments and the office, one task's path through the
 * catalogue and back, refusals, and work following people and a merge mid-round.
 */
describe('update rounds end to end', () => {
  let system: RunningSystem;
  let campus: Campus;
  let office: string;
  let items: CatalogueItem[];
  const seedDepartments: string[] = [];
  /** The liaison and reviewer of each seed department. */
  const workers = new Map<string, Worker>();

  const workerOf = (task: Task): Worker => {
    const worker = workers.get(task.departmentId);
    if (!worker) throw new Error(`nobody works department ${task.departmentId}`);
    return worker;
  };
  const publicationsOf = async (itemId: string) =>
    campus.expectStatus(
      await campus.admin<Page<Publication>>('GET', `/catalogue/items/${itemId}/publications?limit=500`),
      200,
    ).items;

  /** Submit → review (保密审查) → approve, each step by its own person, at the business times given. */
  async function work(
    task: Task,
    options: {
      noChange: boolean;
      times: { submitted: string; reviewed: string; approved: string };
      returnFirst?: string;
    },
  ): Promise<void> {
    const { liaison, reviewer } = workerOf(task);
    const submit = (occurredAt: string) =>
      campus.command<Task>(
        liaison,
        `/tasks/${task.id}/submit`,
        options.noChange
          ? { noChange: true, noChangeReason: '本轮核查，信息无变化', occurredAt }
          : {
              content: content(`${task.itemTitle}（更新）`, `${task.itemCode} 第一条\n第二条 更新于本轮`),
              occurredAt,
            },
        `/tasks/${task.id}`,
      );
    campus.expectStatus(await submit(options.times.submitted), 200);
    if (options.returnFirst) {
      campus.expectStatus(
        await campus.command(
          office,
          `/tasks/${task.id}/return`,
          { comments: '请补充依据文件', occurredAt: options.times.submitted.replace('T10:', 'T15:') },
          `/tasks/${task.id}`,
        ),
        200,
      );
      campus.expectStatus(await submit(options.returnFirst), 200);
    }
    campus.expectStatus(
      await campus.command(
        reviewer,
        `/tasks/${task.id}/review`,
        {
          secrecyReviewerName: '部门保密审查员',
          secrecyDecision: 'cleared',
          occurredAt: options.times.reviewed,
        },
        `/tasks/${task.id}`,
      ),
      200,
    );
    campus.expectStatus(
      await campus.command(
        office,
        `/tasks/${task.id}/approve`,
        { occurredAt: options.times.approved },
        `/tasks/${task.id}`,
      ),
      200,
    );
  }

  async function closeWhenPublished(round: Round, closedAt: string): Promise<Round> {
    await waitFor(async () => (await campus.tasks(round.id)).every((task) => task.status === 'published'), {
      what: `every task of ${round.name} published`,
      timeoutMs: WAIT_MS,
    });
    return campus.expectStatus(
      await campus.as<Round>(office, 'POST', `/rounds/${round.id}/close`, { occurredAt: closedAt }),
      200,
    );
  }

  beforeAll(async () => {
    system = await startSystem({
      // The reminder pass is tested on its own (rounds-notices.e2e-spec.ts); the seed's back-dated rounds would only feed it.
      extraEnv: { ROUNDS_NOTICE_INTERVAL_MS: '3600000', RATE_LIMIT_PER_MINUTE: '100000' },
    });
    campus = new Campus(system);
  }, 300_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('sets up the office, five departments with a liaison and a reviewer each, and their items', async () => {
    const disclosureOffice = await campus.department('XXGK', '信息公开办公室');
    office = await campus.appoint('GK001', '张主任', 'disclosure_admin', disclosureOffice);
    const names = ['党委办公室', '教务处', '招生办公室', '财务处', '人事处'];
    for (const [index, name] of names.entries()) {
      const department = await campus.department(`S${index + 1}`, name);
      seedDepartments.push(department);
      workers.set(department, {
        liaison: await campus.appoint(`L${index + 1}`, `${name}信息员`, 'dept_liaison', department),
        reviewer: await campus.appoint(`R${index + 1}`, `${name}审核人`, 'dept_reviewer', department),
      });
    }
    items = (await campus.items()).sort((a, b) => a.code.localeCompare(b.code));
    expect(items).toHaveLength(50);
    for (const [index, item] of items.entries()) {
      await campus.assign(item.id, seedDepartments[index % 5] as string, '2023-09-01');
    }
  });

  describe('the seed year 2023-2024: 2 rounds, 45 items updated', () => {
    it('works the October round: 20 items, 15 updated, 5 unchanged, one returned once', async () => {
      const autumn = await campus.openRound(office, {
        name: '2023年秋季信息公开目录更新',
        academicYear: '2023-2024',
        half: 'autumn',
        noticeText: '各单位：请于截止日期前完成本单位负责事项的更新。',
        noticeDate: '2023-10-09',
        deadline: { workingDaysAfterNotice: 10 },
        scope: { itemIds: items.slice(0, 20).map((item) => item.id) },
        occurredAt: '2023-10-09T09:00:00+08:00',
      });
      // 国庆 2023 ended on 6 October; 10 working days after Monday 9 October is Monday 23 October.
      expect(autumn).toMatchObject({ status: 'open', taskCount: 20, deadline: '2023-10-23' });
      const tasks = await campus.tasks(autumn.id);
      await Promise.all(
        tasks.map((task, index) =>
          work(task, {
            noChange: index >= 15,
            times: {
              submitted: '2023-10-16T10:00:00+08:00',
              reviewed: '2023-10-18T16:00:00+08:00',
              approved: '2023-10-19T10:00:00+08:00',
            },
            returnFirst: index === 0 ? '2023-10-18T10:00:00+08:00' : undefined,
          }),
        ),
      );
      const closed = await closeWhenPublished(autumn, '2023-10-31T17:00:00+08:00');
      expect(closed.summary).toEqual({
        inScope: 20,
        updated: 15,
        unchanged: 5,
        returnedAtLeastOnce: 1,
        overdue: 0,
        publishedOnTime: 20,
        onTimeRate: 1,
        unfinished: 0,
      });
    });

    it('works the June round: all 50 tasks at once by ten department callers and the office, each item published once, the summary exact', async () => {
      const spring = await campus.openRound(office, {
        name: '2024年春季信息公开目录更新',
        academicYear: '2023-2024',
        half: 'spring',
        noticeText: '各单位：请于6月18日前完成更新，并经部门审核、保密审查后提交。',
        noticeDate: '2024-06-03',
        deadline: { workingDaysAfterNotice: 10 },
        occurredAt: '2024-06-03T09:00:00+08:00',
      });
      expect(spring).toMatchObject({ taskCount: 50, deadline: '2024-06-18' });
      const tasks = await campus.tasks(spring.id);
      expect(new Set(tasks.map((task) => task.itemId)).size).toBe(50);
      const updated = new Set(tasks.slice(0, 30).map((task) => task.id));
      await Promise.all(
        tasks.map((task) =>
          work(task, {
            noChange: !updated.has(task.id),
            times: {
              submitted: '2024-06-12T10:00:00+08:00',
              reviewed: '2024-06-13T10:00:00+08:00',
              approved: '2024-06-14T10:00:00+08:00',
            },
          }),
        ),
      );
      const closed = await closeWhenPublished(spring, '2024-06-28T17:00:00+08:00');
      expect(closed.summary).toEqual({
        inScope: 50,
        updated: 30,
        unchanged: 20,
        returnedAtLeastOnce: 0,
        overdue: 0,
        publishedOnTime: 50,
        onTimeRate: 1,
        unfinished: 0,
      });
      for (const task of await campus.tasks(spring.id)) {
        const ofTask = (await publicationsOf(task.itemId)).filter(
          (publication) => publication.taskId === task.id,
        );
        if (updated.has(task.id)) {
          expect(ofTask).toEqual([
            expect.objectContaining({ state: 'published', version: task.publishedVersion }),
          ]);
          expect(task.publicationId).toBe(ofTask[0]?.id);
        } else {
          expect(ofTask).toEqual([]);
          expect(task).toMatchObject({ status: 'published', publicationId: null });
        }
      }
    });

    it('reports the year: 2 rounds, 45 items updated', async () => {
      const rounds = campus.expectStatus(
        await campus.admin<Page<Round>>('GET', '/rounds?academicYear=2023-2024'),
        200,
      ).items;
      expect(rounds.map((round) => [round.half, round.status])).toEqual([
        ['spring', 'closed'],
        ['autumn', 'closed'],
      ]);
      expect(rounds.reduce((sum, round) => sum + (round.summary?.updated ?? 0), 0)).toBe(45);
    });
  });

  describe('one task through rounds, the catalogue and back', () => {
    let round: Round;
    let task: Task;
    let item: CatalogueItem;

    beforeAll(async () => {
      item = items.find((candidate) => candidate.code === 'MOE-07') as CatalogueItem;
      round = await campus.openRound(office, {
        name: '2024年秋季信息公开目录更新',
        academicYear: '2024-2025',
        half: 'autumn',
        noticeText: '请更新招生章程。',
        noticeDate: '2024-10-08',
        deadline: { date: '2024-10-31' },
        scope: { itemIds: [item.id] },
      });
      [task] = (await campus.tasks(round.id)) as [Task];
    });

    it('refuses a liaison of another department (403) and bad input (400 problem+json), changing nothing', async () => {
      const stranger = [...workers.entries()].find(([department]) => department !== task.departmentId)?.[1];
      const forbidden = await campus.as<Problem>(
        stranger?.liaison as string,
        'POST',
        `/tasks/${task.id}/submit`,
        {
          content: content('招生章程', '第一条'),
        },
      );
      expect(forbidden.status).toBe(403);
      expect(forbidden.contentType).toContain('application/problem+json');
      expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_TASK_LIAISON' });
      const bad = await campus.as<Problem>(workerOf(task).liaison, 'POST', `/tasks/${task.id}/submit`, {
        noChange: true,
      });
      expect(bad.status).toBe(400);
      expect(bad.contentType).toContain('application/problem+json');
      expect(bad.body.errors?.map((error) => error.pointer)).toEqual(['/noChangeReason']);
      const early = await campus.as<Problem>(office, 'POST', '/rounds', {
        name: '错误的轮次',
        academicYear: '2024-2025',
        half: 'spring',
        noticeText: '通知',
        noticeDate: '2025-03-03',
        deadline: { date: '2025-02-28' },
      });
      expect(early.status).toBe(400);
      expect(early.body).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'DEADLINE_BEFORE_NOTICE' });
      expect(await campus.task(task.id)).toMatchObject({
        status: 'pending',
        submission: null,
        history: task.history,
      });
      const rounds = campus.expectStatus(
        await campus.admin<Page<Round>>('GET', '/rounds?academicYear=2024-2025'),
        200,
      );
      expect(rounds.items.map((candidate) => candidate.id)).toEqual([round.id]);
    });

    it('answers approving a task not reviewed with 409, saying what must happen first', async () => {
      campus.expectStatus(
        await campus.as(workerOf(task).liaison, 'POST', `/tasks/${task.id}/submit`, {
          content: content('2025年本科招生章程', 'MOE-07 第一条\n第二条 招生计划 3200 人'),
        }),
        200,
      );
      const refused = await campus.as<Problem>(office, 'POST', `/tasks/${task.id}/approve`, {});
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'TASK_WRONG_STATE' });
      expect(refused.body.detail).toContain(
        `it is submitted but not reviewed: a reviewer of department ${task.departmentId} must review it with the secrecy sign-off (POST /tasks/${task.id}/review) before the office approves it`,
      );
    });

    it('ends with exactly one new publication of the item and the task published', async () => {
      const before = await publicationsOf(item.id);
      const diff = campus.expectStatus(
        await campus.admin<{ changedFields: string[] }>('GET', `/tasks/${task.id}/diff`),
        200,
      );
      expect(diff.changedFields).toEqual(['title', 'body']);
      // A review sent twice with one Idempotency-Key is applied once.
      const review = () =>
        campus.as<Task>(
          workerOf(task).reviewer,
          'POST',
          `/tasks/${task.id}/review`,
          { secrecyReviewerName: '招生办公室保密员', secrecyDecision: 'cleared' },
          { 'idempotency-key': `review-${task.id}` },
        );
      const first = campus.expectStatus(await review(), 200);
      expect(campus.expectStatus(await review(), 200)).toEqual(first);
      campus.expectStatus(await campus.as(office, 'POST', `/tasks/${task.id}/approve`, {}), 200);
      const published = await campus.taskWhen(
        task.id,
        (current) => current.status === 'published',
        'the task published',
      );
      const after = await publicationsOf(item.id);
      expect(after).toHaveLength(before.length + 1);
      const created = after.filter((publication) => !before.some((old) => old.id === publication.id));
      expect(created).toEqual([
        expect.objectContaining({
          taskId: task.id,
          roundId: round.id,
          state: 'published',
          source: 'round_task',
          title: '2025年本科招生章程',
          version: Math.max(...before.map((publication) => publication.version ?? 0)) + 1,
        }),
      ]);
      expect(published).toMatchObject({
        publicationId: created[0]?.id,
        publishedVersion: created[0]?.version,
      });
      expect(published.history.map((entry) => entry.action)).toEqual([
        'created',
        'submitted',
        'reviewed',
        'approved',
        'published',
      ]);
    });
  });

  describe('work follows people and departments mid-round', () => {
    let round: Round;
    let x: string;
    let y: string;
    let w: string;
    let x1: string;
    let x2: string;
    let y1: string;
    let roundItems: CatalogueItem[];

    beforeAll(async () => {
      x = await campus.department('X', '档案馆');
      y = await campus.department('Y', '图书馆');
      w = await campus.department('W', '博物馆');
      x1 = await campus.appoint('X1', '王老师', 'dept_liaison', x);
      x2 = await campus.appoint('X2', '李老师', 'dept_liaison', x);
      y1 = await campus.appoint('Y1', '赵老师', 'dept_liaison', y);
      roundItems = items.filter((item) => ['MOE-41', 'MOE-42', 'MOE-43'].includes(item.code));
      expect(roundItems).toHaveLength(3);
      for (const item of roundItems) await campus.assign(item.id, x, '2024-09-01');
      round = await campus.openRound(office, {
        name: '2025年春季信息公开目录更新',
        academicYear: '2024-2025',
        half: 'spring',
        noticeText: '请更新档案馆负责事项。',
        noticeDate: '2025-03-03',
        deadline: { workingDaysAfterNotice: 15 },
        scope: { itemIds: roundItems.map((item) => item.id) },
      });
      expect((await campus.tasks(round.id)).map((task) => [task.departmentId, task.assigneeId])).toEqual(
        roundItems.map(() => [x, x1]),
      );
    });

    it('moves a transferred liaison’s tasks to the other liaison, and flags them when the last one departs', async () => {
      campus.expectStatus(
        await campus.admin('POST', `/people/${x1}/identity-changes`, {
          kind: 'transfer',
          toDepartmentId: y,
          reason: '调任图书馆',
        }),
        201,
      );
      for (const task of await campus.tasks(round.id)) {
        const moved = await campus.taskWhen(
          task.id,
          (current) => current.assigneeId === x2,
          'moved to 李老师',
        );
        expect(moved.moves).toEqual([
          expect.objectContaining({ cause: 'liaison_transferred', fromAssigneeId: x1, toAssigneeId: x2 }),
        ]);
      }
      campus.expectStatus(
        await campus.admin('POST', `/people/${x2}/identity-changes`, { kind: 'depart', reason: '离职' }),
        201,
      );
      for (const task of await campus.tasks(round.id)) {
        const flagged = await campus.taskWhen(task.id, (current) => current.flagged, 'flagged');
        expect(flagged).toMatchObject({ assigneeId: null, departmentId: x });
        expect(flagged.moves.at(-1)).toMatchObject({
          cause: 'liaison_departed',
          fromAssigneeId: x2,
          toAssigneeId: null,
        });
      }
      const flagged = await campus.tasks(round.id, '&flagged=true');
      expect(flagged).toHaveLength(3);
    });

    it('moves the open tasks of merged departments to the target, and the catalogue’s revision moves nothing more', async () => {
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      campus.expectStatus(
        await campus.admin('POST', '/reorganisations/merge', {
          sourceIds: [x, w],
          target: y,
          effectiveDate: today,
          reason: '机构改革：档案馆、博物馆并入图书馆',
        }),
        201,
      );
      for (const task of await campus.tasks(round.id)) {
        const moved = await campus.taskWhen(
          task.id,
          (current) => current.departmentId === y,
          'moved to the library',
        );
        expect(moved).toMatchObject({ flagged: false });
        // The library's longest-standing liaison (王老师 transferred there without the role: it waits for approval).
        expect(moved.assigneeId).toBe(y1);
        expect(moved.moves.map((move) => move.cause)).toEqual([
          'liaison_transferred',
          'liaison_departed',
          'department_merged',
        ]);
      }
      for (const item of roundItems) {
        await waitFor(
          async () =>
            campus.expectStatus(
              await campus.admin<ResponsibilityView>('GET', `/catalogue/items/${item.id}/responsibility`),
              200,
            ).responsible?.leadDepartmentId === y,
          { what: `the catalogue revising ${item.code}`, timeoutMs: WAIT_MS },
        );
      }
      // Nothing moved meanwhile (that the revision itself moves nothing is shown by the rounds integration spec).
      for (const task of await campus.tasks(round.id)) expect(task.moves).toHaveLength(3);
      expect(await campus.tasks(round.id, `&departmentId=${x}`)).toEqual([]);
    });
  });
});
