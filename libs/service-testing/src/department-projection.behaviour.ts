import { v7 as uuidv7 } from 'uuid';
import {
  DepartmentCreatedV1,
  DepartmentMergedV1,
  DepartmentRenamedV1,
  deadLetterRpcOf,
  healthRpcOf,
  projectedDepartmentsRpcOf,
  type DepartmentProjectingService,
} from '@gongkai/contracts';
import { waitFor } from '@gongkai/testing';
import { publishTestEvent } from './publish-test-event';
import type { ServiceUnderTest } from './service-under-test';

/**
 * The behaviour every department-projecting service shares, run against that real service:
 * it builds its projection from permissions' events, applies a redelivered event once, and
 * parks a malformed one as a dead letter.
 */
export function itKeepsADepartmentProjection(
  service: DepartmentProjectingService,
  getSut: () => ServiceUnderTest,
): void {
  const list = async () =>
    (await getSut().client.request(projectedDepartmentsRpcOf(service), { limit: 500 }, getSut().meta)).items;

  it('answers its health check with the database up', async () => {
    await expect(getSut().client.request(healthRpcOf(service), {}, getSut().meta)).resolves.toMatchObject({
      service,
      status: 'ok',
      database: 'ok',
    });
  });

  it('projects a department created in permissions, once even when the event is delivered twice', async () => {
    const { nc, runId } = getSut();
    const departmentId = uuidv7();
    const envelope = await publishTestEvent(
      nc,
      runId,
      DepartmentCreatedV1,
      {
        departmentId,
        code: `C${runId.slice(-6)}`,
        name: '计算机学院',
        type: 'college',
        parentId: null,
        status: 'active',
      },
      { versions: 1 },
    );
    const projected = await waitFor(
      async () => (await list()).find((department) => department.id === departmentId),
      {
        what: `the department in the ${service} projection`,
      },
    );
    expect(projected).toMatchObject({
      name: '计算机学院',
      type: 'college',
      parentId: null,
      status: 'active',
    });

    await publishTestEvent(nc, runId, DepartmentCreatedV1, envelope, { bypassDeduplication: true });
    await waitFor(
      async () => {
        const deadLetters = await getSut().client.request(deadLetterRpcOf(service).list, {}, getSut().meta);
        return (
          deadLetters.items.length === 0 &&
          (await list()).filter((department) => department.id === departmentId).length === 1
        );
      },
      { what: 'the duplicate to be absorbed' },
    );
  });

  it('follows a merge: the sources become dissolved, the target is projected as it is afterwards', async () => {
    const { nc, runId } = getSut();
    const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
    const state = (departmentId: string, code: string, status: 'active' | 'dissolved') => ({
      departmentId,
      code,
      name: `学院 ${code}`,
      type: 'college' as const,
      parentId: null,
      status,
      successorId: status === 'dissolved' ? c : null,
    });
    for (const [id, code] of [
      [a, 'MA'],
      [b, 'MB'],
    ] as const) {
      const { successorId: _successorId, ...created } = state(id, `${code}${runId.slice(-4)}`, 'active');
      await publishTestEvent(nc, runId, DepartmentCreatedV1, created, { versions: 1 });
    }
    await publishTestEvent(
      nc,
      runId,
      DepartmentMergedV1,
      {
        reorganisationId: uuidv7(),
        effectiveDate: '2024-03-01',
        reason: '机构改革：合并',
        affectedDepartmentIds: [a, b, c],
        departments: [
          state(a, `MA${runId.slice(-4)}`, 'dissolved'),
          state(b, `MB${runId.slice(-4)}`, 'dissolved'),
          state(c, `MC${runId.slice(-4)}`, 'active'),
        ],
        movedPeople: [],
        movedBindings: [],
        endedBindings: [],
        sourceIds: [a, b],
        targetId: c,
        targetCreated: true,
      },
      { versions: { [a]: 2, [b]: 2, [c]: 2 }, occurredAt: new Date('2024-03-01T00:00:00+08:00') },
    );
    const projected = await waitFor(
      async () => {
        const all = await list();
        const statuses = [a, b, c].map((id) => all.find((department) => department.id === id)?.status);
        return statuses.join() === 'dissolved,dissolved,active' ? statuses : null;
      },
      { what: `the merge in the ${service} projection` },
    );
    expect(projected).toEqual(['dissolved', 'dissolved', 'active']);
  });

  it('keeps the newest version, whatever the business time and the order events arrive in', async () => {
    const { nc, runId } = getSut();
    const startOfToday = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00+08:00`);
    const renamed = (departmentId: string, previousName: string, name: string) => ({
      reorganisationId: uuidv7(),
      effectiveDate: startOfToday.toISOString().slice(0, 10),
      reason: '机构改革：更名',
      affectedDepartmentIds: [departmentId],
      departments: [
        {
          departmentId,
          code: `R${departmentId.slice(-6)}`,
          name,
          type: 'office' as const,
          parentId: null,
          status: 'active' as const,
          successorId: null,
        },
      ],
      movedPeople: [],
      movedBindings: [],
      endedBindings: [],
      departmentId,
      previousName,
      name,
    });
    const created = (departmentId: string, name: string) => ({
      departmentId,
      code: `R${departmentId.slice(-6)}`,
      name,
      type: 'office' as const,
      parentId: null,
      status: 'active' as const,
    });
    // Created at 10:00 and renamed the same day with the effective date's start as business time.
    const inOrder = uuidv7();
    await publishTestEvent(nc, runId, DepartmentCreatedV1, created(inOrder, '教务处'), { versions: 1 });
    await publishTestEvent(nc, runId, DepartmentRenamedV1, renamed(inOrder, '教务处', '本科生院'), {
      versions: 2,
      occurredAt: startOfToday,
    });
    // The rename (version 2) delivered before the create (version 1).
    const outOfOrder = uuidv7();
    await publishTestEvent(nc, runId, DepartmentRenamedV1, renamed(outOfOrder, '科研处', '科学技术研究院'), {
      versions: 2,
      occurredAt: startOfToday,
    });
    await publishTestEvent(nc, runId, DepartmentCreatedV1, created(outOfOrder, '科研处'), { versions: 1 });
    const marker = uuidv7();
    await publishTestEvent(nc, runId, DepartmentCreatedV1, created(marker, '标记'), { versions: 1 });
    const names = await waitFor(
      async () => {
        const all = await list();
        if (!all.some((department) => department.id === marker)) return null;
        return [inOrder, outOfOrder].map((id) => all.find((department) => department.id === id));
      },
      { what: `every test event in the ${service} projection` },
    );
    expect(names.map((department) => [department?.name, department?.version])).toEqual([
      ['本科生院', 2],
      ['科学技术研究院', 2],
    ]);
  });

  it('parks an event whose payload is invalid as a dead letter', async () => {
    const { nc, runId } = getSut();
    await publishTestEvent(nc, runId, DepartmentCreatedV1, {
      id: uuidv7(),
      type: DepartmentCreatedV1.type,
      version: 1,
      occurredAt: new Date().toISOString(),
      source: 'permissions',
      correlationId: 'test',
      causationId: null,
      actor: { kind: 'system', id: 'test' },
      aggregateId: uuidv7(),
      aggregateVersion: 1,
      otherAggregates: [],
      payload: { departmentId: 'nope' } as never,
    });
    const parked = await waitFor(
      async () => (await getSut().client.request(deadLetterRpcOf(service).list, {}, getSut().meta)).items[0],
      { what: 'a dead letter' },
    );
    expect(parked).toMatchObject({ consumer: `${service}-department-projection`, status: 'parked' });
  });
}
