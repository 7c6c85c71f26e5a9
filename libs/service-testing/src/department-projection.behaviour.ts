import { v7 as uuidv7 } from 'uuid';
import {
  DepartmentCreatedV1,
  deadLetterSubjectsOf,
  healthSubjectOf,
  projectedDepartmentsSubjectOf,
  type DepartmentProjectingService,
  type Page,
  type ProjectedDepartment,
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
    (
      await getSut().client.request<Page<ProjectedDepartment>>(
        projectedDepartmentsSubjectOf(service),
        { limit: 500 },
        getSut().meta,
      )
    ).items;

  it('answers its health check with the database up', async () => {
    await expect(getSut().client.request(healthSubjectOf(service), {}, getSut().meta)).resolves.toMatchObject(
      {
        service,
        status: 'ok',
        database: 'ok',
      },
    );
  });

  it('projects a department created in permissions, once even when the event is delivered twice', async () => {
    const { nc, runId } = getSut();
    const departmentId = uuidv7();
    const envelope = await publishTestEvent(nc, runId, DepartmentCreatedV1, {
      departmentId,
      code: `C${runId.slice(-6)}`,
      name: '计算机学院',
      type: 'college',
      parentId: null,
      status: 'active',
    });
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
        const deadLetters = await getSut().client.request<Page<unknown>>(
          deadLetterSubjectsOf(service).list,
          {},
          getSut().meta,
        );
        return (
          deadLetters.items.length === 0 &&
          (await list()).filter((department) => department.id === departmentId).length === 1
        );
      },
      { what: 'the duplicate to be absorbed' },
    );
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
      payload: { departmentId: 'nope' } as never,
    });
    const parked = await waitFor(
      async () =>
        (
          await getSut().client.request<Page<{ consumer: string; status: string }>>(
            deadLetterSubjectsOf(service).list,
            {},
            getSut().meta,
          )
        ).items[0],
      { what: 'a dead letter' },
    );
    expect(parked).toMatchObject({ consumer: `${service}-department-projection`, status: 'parked' });
  });
}
