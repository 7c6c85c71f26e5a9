import {
  ErrorCode,
  PermissionsRpc,
  type Action,
  type BindingStatus,
  type Department,
  type EventEnvelope,
} from '@gongkai/contracts';
import {
  snapshotCounts,
  startPermissions,
  unique,
  type PermissionsHarness,
} from './support/permissions-harness';

const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const TOMORROW = new Date(Date.now() + 32 * 3_600_000).toISOString().slice(0, 10);
const MISSING = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('permissions service: departments and reorganisations', () => {
  let harness: PermissionsHarness;

  beforeAll(async () => {
    harness = await startPermissions();
  });
  afterAll(() => harness?.stop());

  const check = (personId: string, action: Action, departmentId: string | null) =>
    harness.call(PermissionsRpc.checkPermission, {
      subject: { type: 'person', id: personId },
      action,
      departmentId,
    });
  const bindingsOf = async (subjectId: string, status?: BindingStatus) =>
    (
      await harness.call(PermissionsRpc.listRoleBindings, {
        subjectId,
        ...(status ? { status } : {}),
      })
    ).items;
  const getPerson = (id: string) => harness.call(PermissionsRpc.getPerson, { id });
  const getDepartment = (id: string) => harness.call(PermissionsRpc.getDepartment, { id });

  it('merges two departments into a new one: people and bindings follow, history is kept, events list who moved', async () => {
    const school = await harness.department(unique('SCH'), { type: 'school' });
    const a = await harness.department(unique('A'), { name: '计算机学院', parentId: school.id });
    const b = await harness.department(unique('B'), { name: '软件学院', parentId: school.id });
    const institute = await harness.department(unique('I'), {
      name: '软件研究所',
      type: 'centre',
      parentId: b.id,
    });
    const alice = await harness.person(a.id, { name: '甲' });
    const bob = await harness.person(b.id, { name: '乙' });
    const aliceLiaison = await harness.grant(alice.id, 'dept_liaison', a.id);
    const bobReviewer = await harness.grant(bob.id, 'dept_reviewer', b.id);
    const bobAuditor = await harness.grant(bob.id, 'auditor', null);
    const pending = await harness.call(PermissionsRpc.openPermissionRequest, {
      subjectType: 'person',
      subjectId: alice.id,
      role: 'complaint_handler',
      departmentId: a.id,
      reason: 'handles cases',
    });
    const eventsBefore = (await harness.settledEvents()).length;
    const targetCode = unique('C');

    const result = await harness.call(PermissionsRpc.mergeDepartments, {
      sourceIds: [a.id, b.id],
      target: { code: targetCode, name: '计算机与软件学院', type: 'college' },
      effectiveDate: TODAY,
      reason: '机构改革：合并',
    });

    const c = result.departments.find((department) => department.code === targetCode) as Department;
    expect(c).toMatchObject({ status: 'active', parentId: school.id });
    expect(await getDepartment(a.id)).toMatchObject({ status: 'dissolved', successorId: c.id });
    expect(await getDepartment(b.id)).toMatchObject({ status: 'dissolved', successorId: c.id });
    expect(await getDepartment(institute.id)).toMatchObject({ parentId: c.id, status: 'active' });

    // People follow, each as a transfer with reason 'reorganisation'.
    expect((await getPerson(alice.id)).departmentId).toBe(c.id);
    expect((await getPerson(bob.id)).departmentId).toBe(c.id);
    const aliceChanges = await harness.call(PermissionsRpc.listIdentityChanges, {
      personId: alice.id,
    });
    expect(aliceChanges.items[aliceChanges.items.length - 1]).toMatchObject({
      kind: 'transfer',
      reason: 'reorganisation',
      fromDepartmentId: a.id,
      toDepartmentId: c.id,
    });

    // Bindings follow without approval; the school-wide one is untouched; the old ones are history.
    const aliceNow = await bindingsOf(alice.id, 'active');
    expect(aliceNow.map((binding) => [binding.role, binding.departmentId])).toEqual([['dept_liaison', c.id]]);
    expect((await bindingsOf(bob.id, 'active')).map((binding) => binding.role).sort()).toEqual([
      'auditor',
      'dept_reviewer',
    ]);
    expect(await harness.call(PermissionsRpc.getRoleBinding, { id: aliceLiaison.id })).toMatchObject({
      status: 'ended',
      endReason: 'reorganisation',
    });
    expect((await check(alice.id, 'rounds.task.submit', c.id)).allow).toBe(true);
    expect((await check(alice.id, 'rounds.task.submit', a.id)).allow).toBe(false);
    expect((await check(bob.id, 'rounds.task.review', c.id)).allow).toBe(true);
    expect(await harness.call(PermissionsRpc.getPermissionRequest, { id: pending.id })).toMatchObject({
      status: 'requested',
      departmentId: c.id,
    });

    // History: every state of A, the reorganisation recorded.
    const history = await harness.call(PermissionsRpc.getDepartmentHistory, {
      id: a.id,
    });
    expect(history.items.map((revision) => revision.status)).toEqual(['active', 'dissolved']);
    expect(history.items[1]).toMatchObject({
      reorganisationId: result.reorganisation.id,
      effectiveFrom: new Date(`${TODAY}T00:00:00+08:00`).toISOString(),
    });
    expect(result.reorganisation).toMatchObject({
      kind: 'merge',
      effectiveDate: TODAY,
      reason: '机构改革：合并',
    });
    expect(result.reorganisation.details.movedPeople).toHaveLength(2);
    expect(result.reorganisation.details.movedBindings).toHaveLength(2);
    const listed = await harness.call(PermissionsRpc.listReorganisations, {
      departmentId: b.id,
    });
    expect(listed.items.map((item) => item.id)).toEqual([result.reorganisation.id]);

    // Events: C created first, bindings moved, people moved, the open request moved, then one
    // merged event naming everything affected.
    const events = (await harness.settledEvents()).slice(eventsBefore);
    const count = (type: string) => events.filter((event) => event.type === type).length;
    expect(count('permissions.department.created')).toBe(1);
    expect(count('permissions.binding.ended')).toBe(2);
    expect(count('permissions.binding.granted')).toBe(2);
    expect(count('permissions.person.identity-changed')).toBe(2);
    expect(count('permissions.request.moved')).toBe(1);
    expect(count('permissions.department.merged')).toBe(1);
    expect(events).toHaveLength(9);
    expect(events.find((event) => event.type === 'permissions.request.moved')).toMatchObject({
      aggregateId: pending.id,
      aggregateVersion: 2,
      payload: {
        requestId: pending.id,
        departmentId: c.id,
        previousDepartmentId: a.id,
        reorganisationId: result.reorganisation.id,
      },
    });
    expect(events[0]?.type).toBe('permissions.department.created');
    const merged = events[events.length - 1] as EventEnvelope<{
      affectedDepartmentIds: string[];
      targetId: string;
      targetCreated: boolean;
      movedPeople: unknown[];
    }>;
    expect(merged.type).toBe('permissions.department.merged');
    expect(merged.payload.targetId).toBe(c.id);
    expect(merged.payload.targetCreated).toBe(true);
    expect(merged.payload.affectedDepartmentIds.sort()).toEqual([a.id, b.id, c.id, institute.id].sort());
    expect(merged.payload.movedPeople).toHaveLength(2);
    const bobMoved = events.find(
      (event) =>
        event.type === 'permissions.person.identity-changed' &&
        (event.payload as { personId: string }).personId === bob.id,
    );
    expect(bobMoved?.payload).toMatchObject({
      kind: 'transfer',
      reason: 'reorganisation',
      reorganisationId: result.reorganisation.id,
      movedBindings: [{ fromBindingId: bobReviewer.id, role: 'dept_reviewer', toDepartmentId: c.id }],
    });
    expect((await bindingsOf(bob.id, 'active')).map((binding) => binding.id)).toContain(bobAuditor.id);
  });

  it('merges into an existing department, granting once when a person held the role in both sources', async () => {
    const a = await harness.department(unique('A'));
    const b = await harness.department(unique('B'));
    const c = await harness.department(unique('C'));
    const person = await harness.person(a.id);
    await harness.grant(person.id, 'dept_liaison', a.id);
    await harness.grant(person.id, 'dept_liaison', b.id);
    const result = await harness.call(PermissionsRpc.mergeDepartments, {
      sourceIds: [a.id, b.id],
      target: c.id,
      effectiveDate: TODAY,
      reason: '合并',
    });
    expect(result.reorganisation.details.movedBindings).toHaveLength(1);
    expect(result.reorganisation.details.endedBindings).toHaveLength(1);
    expect((await bindingsOf(person.id, 'active')).map((binding) => binding.departmentId)).toEqual([c.id]);
  });

  it('renames with an effective date, keeping the old name in history', async () => {
    const a = await harness.department(unique('A'), { name: '旧名' });
    const result = await harness.call(PermissionsRpc.renameDepartment, {
      departmentId: a.id,
      name: '新名',
      effectiveDate: TODAY,
      reason: '更名',
    });
    expect(result.departments[0]).toMatchObject({ id: a.id, name: '新名', code: a.code });
    const history = await harness.call(PermissionsRpc.getDepartmentHistory, {
      id: a.id,
    });
    expect(history.items.map((revision) => revision.name)).toEqual(['旧名', '新名']);
    const events = await harness.settledEvents();
    expect(events[events.length - 1]).toMatchObject({
      type: 'permissions.department.renamed',
      payload: { departmentId: a.id, previousName: '旧名', name: '新名', affectedDepartmentIds: [a.id] },
    });
  });

  it('splits a department: everyone assigned moves with their bindings to their new department', async () => {
    const a = await harness.department(unique('A'));
    const first = await harness.person(a.id);
    const second = await harness.person(a.id);
    await harness.grant(first.id, 'dept_liaison', a.id);
    await harness.grant(second.id, 'complaint_handler', a.id);
    const [codeX, codeY] = [unique('X'), unique('Y')];
    const body = {
      sourceId: a.id,
      targets: [
        { code: codeX, name: '新一', type: 'college' as const },
        { code: codeY, name: '新二', type: 'office' as const },
      ],
      effectiveDate: TODAY,
      reason: '拆分',
    };
    await expect(
      harness.call(PermissionsRpc.splitDepartment, {
        ...body,
        assignments: [{ personId: first.id, targetIndex: 0 }],
      }),
    ).rejects.toMatchObject({
      body: { code: ErrorCode.PRECONDITION_FAILED, details: { personIds: [second.id] } },
    });
    const result = await harness.call(PermissionsRpc.splitDepartment, {
      ...body,
      assignments: [
        { personId: first.id, targetIndex: 0 },
        { personId: second.id, targetIndex: 1 },
      ],
    });
    const x = result.departments.find((department) => department.code === codeX) as Department;
    const y = result.departments.find((department) => department.code === codeY) as Department;
    expect((await getPerson(first.id)).departmentId).toBe(x.id);
    expect((await getPerson(second.id)).departmentId).toBe(y.id);
    expect((await check(first.id, 'rounds.task.submit', x.id)).allow).toBe(true);
    expect((await check(second.id, 'complaints.case.handle', y.id)).allow).toBe(true);
    expect((await check(second.id, 'complaints.case.handle', a.id)).allow).toBe(false);
    expect(await getDepartment(a.id)).toMatchObject({ status: 'dissolved', successorId: null });
  });

  it('dissolves only an empty department unless a successor takes its people', async () => {
    const a = await harness.department(unique('A'));
    const successor = await harness.department(unique('S'));
    const person = await harness.person(a.id, { name: '王五' });
    await harness.grant(person.id, 'dept_liaison', a.id);
    await expect(
      harness.call(PermissionsRpc.dissolveDepartment, {
        departmentId: a.id,
        effectiveDate: TODAY,
        reason: '撤销',
      }),
    ).rejects.toMatchObject({
      body: {
        code: ErrorCode.PRECONDITION_FAILED,
        message: expect.stringContaining(`王五 (${person.staffNo})`),
        details: { personIds: [person.id] },
      },
    });
    await harness.call(PermissionsRpc.dissolveDepartment, {
      departmentId: a.id,
      successorId: successor.id,
      effectiveDate: TODAY,
      reason: '撤销并入',
    });
    expect((await getPerson(person.id)).departmentId).toBe(successor.id);
    expect((await check(person.id, 'rounds.task.submit', successor.id)).allow).toBe(true);

    const empty = await harness.department(unique('E'));
    const result = await harness.call(PermissionsRpc.dissolveDepartment, {
      departmentId: empty.id,
      effectiveDate: TODAY,
      reason: '撤销',
    });
    expect(result.departments[0]).toMatchObject({ status: 'dissolved', successorId: null });
    // Nothing can be given in a dissolved department.
    await expect(harness.grant(person.id, 'dept_liaison', empty.id)).rejects.toMatchObject({
      body: { code: ErrorCode.PRECONDITION_FAILED },
    });
  });

  it('moves a department under another parent and refuses a cycle', async () => {
    const root = await harness.department(unique('R'), { type: 'school' });
    const child = await harness.department(unique('C'), { parentId: root.id });
    const grandchild = await harness.department(unique('G'), { type: 'centre', parentId: child.id });
    const other = await harness.department(unique('O'));
    const moved = await harness.call(PermissionsRpc.updateDepartment, {
      id: child.id,
      parentId: other.id,
      reason: '调整隶属关系',
    });
    expect(moved.parentId).toBe(other.id);
    const events = await harness.settledEvents();
    expect(events[events.length - 1]).toMatchObject({
      type: 'permissions.department.updated',
      payload: {
        departmentId: child.id,
        previousParentId: root.id,
        parentId: other.id,
        affectedDepartmentIds: [child.id],
      },
    });

    const counts = await snapshotCounts(harness);
    for (const parentId of [child.id, grandchild.id]) {
      await expect(
        harness.call(PermissionsRpc.updateDepartment, { id: child.id, parentId }),
      ).rejects.toMatchObject({
        body: { code: ErrorCode.VALIDATION_FAILED, message: expect.stringMatching(/cycle/) },
      });
    }
    expect(await snapshotCounts(harness)).toEqual(counts);
  });

  describe('bad input: a typed error and nothing changed', () => {
    it('refuses unknown departments, a future effective date, a duplicate code and merging into a source', async () => {
      const a = await harness.department(unique('A'));
      const b = await harness.department(unique('B'));
      await harness.person(a.id);
      await harness.settledEvents();
      const counts = await snapshotCounts(harness);
      const base = { effectiveDate: TODAY, reason: 'x' };

      await expect(
        harness.call(PermissionsRpc.mergeDepartments, {
          ...base,
          sourceIds: [a.id, MISSING],
          target: b.id,
        }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.NOT_FOUND } });
      await expect(
        harness.call(PermissionsRpc.mergeDepartments, {
          ...base,
          sourceIds: [a.id, b.id],
          target: a.id,
        }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.VALIDATION_FAILED } });
      await expect(
        harness.call(PermissionsRpc.mergeDepartments, {
          ...base,
          sourceIds: [a.id, b.id],
          target: { code: a.code, name: 'dup', type: 'college' },
        }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.CONFLICT } });
      await expect(
        harness.call(PermissionsRpc.renameDepartment, {
          ...base,
          departmentId: a.id,
          name: '新',
          effectiveDate: TOMORROW,
        }),
      ).rejects.toMatchObject({
        body: { code: ErrorCode.VALIDATION_FAILED, message: expect.stringMatching(/future/) },
      });
      await expect(
        harness.call(PermissionsRpc.renameDepartment, { ...base, departmentId: MISSING, name: '新' }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.NOT_FOUND } });
      await expect(
        harness.call(PermissionsRpc.updateDepartment, { id: a.id, parentId: MISSING }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.NOT_FOUND } });
      await expect(harness.department(unique('Z'), { parentId: MISSING })).rejects.toMatchObject({
        body: { code: ErrorCode.NOT_FOUND },
      });

      expect(await snapshotCounts(harness)).toEqual(counts);
    });
  });
});
