import { ResponsibilityRevisedV1, RoundsRpc, type Task } from '@gongkai/contracts';
import { waitFor } from '@gongkai/testing';
import { RoundsWorld, type Holder } from './support/rounds-fixtures';

/**
 * 文件异常流程 and 机构改革 mid-round (DESIGN.md workflows 2 and 3): open tasks follow people and
 * departments, every move recorded on the task with its cause, and nobody left means flagged.
 */
describe('rounds service: work follows people and departments', () => {
  let world: RoundsWorld;
  let office: Holder;
  const departments: Record<string, string> = {};
  const items: Record<string, string> = {};
  const people: Record<string, Holder> = {};
  let roundId: string;

  const task = async (code: string): Promise<Task> => {
    const page = await world.request(RoundsRpc.listTasks, { roundId, limit: 500 }, office.personId);
    const found = page.items.find((candidate) => candidate.itemCode === code);
    if (!found) throw new Error(`no task for ${code}`);
    return found;
  };
  /** Waits until the task satisfies `done`, then answers it. */
  const taskWhen = (code: string, done: (task: Task) => boolean, what: string) =>
    waitFor(
      async () => {
        const current = await task(code);
        return done(current) ? current : null;
      },
      { what },
    );
  const movedEvents = (taskId: string) =>
    world.count(
      "SELECT count(*) AS n FROM outbox WHERE type = 'rounds.task.moved' AND envelope->'payload'->>'taskId' = $1",
      [taskId],
    );

  beforeAll(async () => {
    world = await RoundsWorld.start();
    office = await world.appoint('张主任', 'disclosure_admin', null);
    for (const [key, name] of [
      ['admissions', '招生办公室'],
      ['careers', '就业指导中心'],
      ['merged', '招生就业处'],
      ['archives', '档案馆'],
      ['library', '图书馆'],
      ['finance', '财务处'],
      ['audit', '审计处'],
    ] as const) {
      departments[key] = await world.department(name);
    }
    people['wang'] = await world.appoint(
      '王老师',
      'dept_liaison',
      departments['admissions'] as string,
      new Date('2022-09-01T00:00:00Z'),
    );
    people['li'] = await world.appoint(
      '李老师',
      'dept_liaison',
      departments['admissions'] as string,
      new Date('2024-03-01T00:00:00Z'),
    );
    people['sun'] = await world.appoint('孙老师', 'dept_liaison', departments['careers'] as string);
    people['wu'] = await world.appoint('吴老师', 'dept_liaison', departments['merged'] as string);
    people['zheng'] = await world.appoint('郑老师', 'dept_liaison', departments['archives'] as string);
    people['feng'] = await world.appoint('冯老师', 'dept_liaison', departments['finance'] as string);
    people['chu'] = await world.appoint('褚老师', 'dept_liaison', departments['audit'] as string);
    items['A1'] = await world.item('A-1', '招生章程', departments['admissions'] as string);
    items['A2'] = await world.item('A-2', '招生计划', departments['admissions'] as string);
    items['B1'] = await world.item('B-1', '就业质量报告', departments['careers'] as string);
    items['D1'] = await world.item('D-1', '档案管理办法', departments['archives'] as string);
    items['L1'] = await world.item('L-1', '图书馆开放时间', departments['library'] as string);
    items['F1'] = await world.item('F-1', '收费标准', departments['finance'] as string);
    const round = await world.draftRound(office.personId);
    roundId = (await world.request(RoundsRpc.openRound, { roundId: round.id }, office.personId)).id;
    expect((await task('A-1')).assigneeId).toBe(people['wang']?.personId);
    expect((await task('L-1')).flagged).toBe(true);
  });

  afterAll(() => world?.stop());

  it('moves a transferred liaison’s open tasks to the other liaison of the department, recording the cause', async () => {
    const wang = people['wang'] as Holder;
    const li = people['li'] as Holder;
    await world.identityChange(wang, 'transfer', departments['finance'] as string);
    for (const code of ['A-1', 'A-2']) {
      const moved = await taskWhen(code, (current) => current.assigneeId === li.personId, `${code} to 李`);
      expect(moved).toMatchObject({ departmentId: departments['admissions'], flagged: false });
      expect(moved.moves).toEqual([
        expect.objectContaining({
          cause: 'liaison_transferred',
          fromAssigneeId: wang.personId,
          toAssigneeId: li.personId,
          fromDepartmentId: departments['admissions'],
          toDepartmentId: departments['admissions'],
        }),
      ]);
      expect(moved.history.at(-1)).toMatchObject({ action: 'moved' });
      expect(await movedEvents(moved.id)).toBe(1);
    }
  });

  it('flags the tasks to the office when the department’s last liaison departs', async () => {
    const li = people['li'] as Holder;
    await world.identityChange(li, 'depart');
    for (const code of ['A-1', 'A-2']) {
      const flagged = await taskWhen(code, (current) => current.flagged, `${code} flagged`);
      expect(flagged).toMatchObject({ assigneeId: null, departmentId: departments['admissions'] });
      expect(flagged.flagReason).toMatch(/Nobody in department .+ holds dept_liaison/);
      expect(flagged.moves.at(-1)).toMatchObject({ cause: 'liaison_departed', toAssigneeId: null });
    }
    expect(
      await world.count(
        "SELECT count(*) AS n FROM outbox WHERE type = 'rounds.task.flagged' AND envelope->'payload'->>'departmentId' = $1",
        [departments['admissions']],
      ),
    ).toBe(2);
  });

  it('gives the flagged tasks to a liaison appointed in the department', async () => {
    people['qian'] = await world.appoint('钱老师', 'dept_liaison', departments['admissions'] as string);
    for (const code of ['A-1', 'A-2']) {
      const assigned = await taskWhen(code, (current) => !current.flagged, `${code} to 钱`);
      expect(assigned).toMatchObject({ assigneeId: people['qian']?.personId, flagReason: null });
      expect(assigned.moves.at(-1)).toMatchObject({
        cause: 'liaison_appointed',
        toAssigneeId: people['qian']?.personId,
      });
    }
    const library = await world.appoint('卫老师', 'dept_liaison', departments['library'] as string);
    await taskWhen('L-1', (current) => current.assigneeId === library.personId, 'L-1 to 卫');
  });

  it('hands a liaison’s tasks over while they are on leave, and gives flagged ones back on return', async () => {
    const sun = people['sun'] as Holder;
    await world.identityChange(sun, 'leave');
    const flagged = await taskWhen('B-1', (current) => current.flagged, 'B-1 flagged on leave');
    expect(flagged.moves.at(-1)).toMatchObject({ cause: 'liaison_on_leave', fromAssigneeId: sun.personId });
    await world.identityChange(sun, 'return');
    const back = await taskWhen('B-1', (current) => current.assigneeId === sun.personId, 'B-1 back to 孙');
    expect(back.moves.at(-1)).toMatchObject({ cause: 'liaison_appointed' });
  });

  it('moves open tasks of merged departments to the target, keeping liaisons whose bindings moved with them', async () => {
    const merged = departments['merged'] as string;
    await world.merge(
      [departments['admissions'] as string, departments['careers'] as string],
      merged,
      '2024-06-10',
    );
    const a1 = await taskWhen(
      'A-1',
      (current) => current.departmentId === merged,
      'A-1 to the merged department',
    );
    expect(a1).toMatchObject({ assigneeId: people['qian']?.personId, flagged: false });
    expect(a1.moves.at(-1)).toEqual({
      cause: 'department_merged',
      fromDepartmentId: departments['admissions'],
      toDepartmentId: merged,
      fromAssigneeId: people['qian']?.personId,
      toAssigneeId: people['qian']?.personId,
      movedAt: '2024-06-09T16:00:00.000Z',
    });
    const b1 = await taskWhen(
      'B-1',
      (current) => current.departmentId === merged,
      'B-1 to the merged department',
    );
    expect(b1.assigneeId).toBe(people['sun']?.personId);
    // The catalogue then revises the items' responsibility to the merged department: nothing more moves.
    const revision = await world.revise(items['A1'] as string, 'A-1', merged, [], '2024-06-10');
    await waitFor(
      async () =>
        (await world.count(
          'SELECT count(*) AS n FROM catalogue_item_projection WHERE id = $1 AND responsibility_version = 2',
          [items['A1']],
        )) === 1,
      { what: 'the revision applied' },
    );
    expect(revision.payload).toMatchObject({ leadDepartmentId: merged });
    expect((await task('A-1')).moves).toHaveLength(a1.moves.length);
    // No task points at a merged-away department.
    expect(
      await world.count('SELECT count(*) AS n FROM task WHERE department_id = ANY($1::uuid[])', [
        [departments['admissions'], departments['careers']],
      ]),
    ).toBe(0);
  });

  it('opens a later round’s task for an item still listed under a merged department in its successor', async () => {
    // A-2's responsibility still names admissions in rounds' copy (no revision arrived for it).
    const later = await world.draftRound(office.personId, {
      name: '2024年秋季信息公开目录更新',
      academicYear: '2024-2025',
      half: 'autumn',
      noticeDate: '2024-10-08',
      scope: { itemIds: [items['A2'] as string] },
    });
    await world.request(RoundsRpc.openRound, { roundId: later.id }, office.personId);
    const [opened] = (
      await world.request(RoundsRpc.listTasks, { roundId: later.id, limit: 10 }, office.personId)
    ).items;
    // The merged department's longest-standing liaison: 吴, there before the merge.
    expect(opened).toMatchObject({ departmentId: departments['merged'], assigneeId: people['wu']?.personId });
  });

  it('flags the open tasks of a department dissolved without a successor, and moves those of one with a successor', async () => {
    await world.dissolve(departments['archives'] as string, null, '2024-06-12');
    const d1 = await taskWhen('D-1', (current) => current.flagged, 'D-1 flagged');
    expect(d1).toMatchObject({ assigneeId: null, departmentId: departments['archives'] });
    expect(d1.flagReason).toMatch(/dissolved without a successor .+ revise the item’s responsibility/);
    expect(d1.moves.at(-1)).toMatchObject({ cause: 'department_dissolved', toDepartmentId: null });
    // The office revises the responsibility: the task moves to the department named.
    await world.revise(items['D1'] as string, 'D-1', departments['finance'] as string, [], '2024-06-13');
    const revised = await taskWhen(
      'D-1',
      (current) => current.departmentId === departments['finance'],
      'D-1 to finance',
    );
    expect(revised).toMatchObject({ assigneeId: people['feng']?.personId, flagged: false });
    expect(revised.moves.at(-1)).toMatchObject({ cause: 'responsibility_revised' });

    await world.dissolve(departments['finance'] as string, departments['audit'] as string, '2024-06-14');
    const f1 = await taskWhen(
      'F-1',
      (current) => current.departmentId === departments['audit'],
      'F-1 to audit',
    );
    expect(f1).toMatchObject({ assigneeId: people['chu']?.personId, flagged: false });
    expect(f1.moves.at(-1)).toMatchObject({
      cause: 'department_dissolved',
      toDepartmentId: departments['audit'],
    });
  });

  it('applies responsibility revisions in their order even when they arrive out of order or twice', async () => {
    const audit = departments['audit'] as string;
    const merged = departments['merged'] as string;
    const library = departments['library'] as string;
    // Revision 2 (to audit) and revision 3 (to the merged department); 3 arrives first.
    const second = world.prepareRevision(items['L1'] as string, 'L-1', audit, [], '2024-06-15');
    const third = world.prepareRevision(items['L1'] as string, 'L-1', merged, [library], '2024-06-16');
    await world.send(ResponsibilityRevisedV1, third);
    await waitFor(async () => (await world.count('SELECT count(*) AS n FROM held_event')) === 1, {
      what: 'revision 3 held',
    });
    expect((await task('L-1')).departmentId).toBe(library);
    await world.send(ResponsibilityRevisedV1, second);
    const l1 = await taskWhen(
      'L-1',
      (current) => current.departmentId === merged,
      'L-1 to the merged department',
    );
    expect(l1.coDepartmentIds).toEqual([library]);
    expect(l1.moves.map((move) => [move.cause, move.toDepartmentId])).toEqual([
      ['liaison_appointed', library],
      ['responsibility_revised', audit],
      ['responsibility_revised', merged],
    ]);
    await world.redeliver(ResponsibilityRevisedV1, second);
    expect((await task('L-1')).moves).toHaveLength(3);
  });
});
