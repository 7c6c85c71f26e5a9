import { v7 as uuidv7 } from 'uuid';
import {
  BindingEndedV1,
  BindingGrantedV1,
  ComplaintsRpc,
  DepartmentMergedV1,
  PersonIdentityChangedV1,
} from '@gongkai/contracts';
import { publishTestEvent } from '@gongkai/service-testing';
import { waitFor } from '@gongkai/testing';
import { startComplaints, type ComplaintsHarness } from './support/complaints-harness';

/** 文件异常流程: a handler's open cases follow transfers, departures, ended bindings and merges. */
describe('complaints service: work follows people and departments', () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await startComplaints();
  }, 60000);

  afterAll(() => h?.stop());

  const grant = (personId: string, departmentId: string) => {
    const binding = {
      bindingId: uuidv7(),
      subjectType: 'person' as const,
      subjectId: personId,
      role: 'complaint_handler' as const,
      departmentId,
      validFrom: '2024-01-01T00:00:00.000Z',
      validTo: null,
    };
    return publishTestEvent(
      h.sut.nc,
      h.sut.runId,
      BindingGrantedV1,
      { ...binding, origin: 'grant', requestId: null, reorganisationId: null },
      { versions: 1 },
    ).then(() => binding);
  };
  const get = (caseId: string) => h.sut.client.request(ComplaintsRpc.getCase, { caseId }, h.admin);

  it('hands a transferred handler’s case to another handler of the department, flags it when nobody is left, and moves it with a merge', async () => {
    const repairs = await h.department('维修中心');
    const merged = await h.department('后勤保障部');
    const first = h.person([{ action: 'complaints.case.handle', departmentId: repairs }]);
    const second = h.person([{ action: 'complaints.case.handle', departmentId: repairs }]);
    const firstBinding = await grant(first.id, repairs);
    const secondBinding = await grant(second.id, repairs);
    const { case: created } = await h.create({
      kind: 'complaint',
      source: 'campus_hotline',
      category: 'logistics',
    });
    await h.step('dispatch', created.id, { leadDepartmentId: repairs });
    await h.step('accept', created.id, {}, first.meta);
    // Let the grants land before the transfer (the projection keeps the newest version of each binding).
    await waitFor(async () => (await h.query('SELECT 1 FROM role_holder')).length === 2, {
      what: 'role holders',
    });

    await publishTestEvent(
      h.sut.nc,
      h.sut.runId,
      PersonIdentityChangedV1,
      {
        identityChangeId: uuidv7(),
        personId: first.id,
        subjectType: 'person',
        subjectId: first.id,
        kind: 'transfer',
        fromDepartmentId: repairs,
        toDepartmentId: uuidv7(),
        fromStatus: 'active',
        toStatus: 'active',
        fromPost: null,
        toPost: null,
        occurredAt: new Date().toISOString(),
        reason: '调岗',
        reorganisationId: null,
        endedBindings: [],
        movedBindings: [],
        openedRequests: [],
        cancelledRequestIds: [],
      },
      // The person's first event this consumer sees (an ordered consumer waits for version 1).
      { versions: 1 },
    );
    // The transfer also ended the binding in the old department (as permissions does).
    await publishTestEvent(
      h.sut.nc,
      h.sut.runId,
      BindingEndedV1,
      {
        ...firstBinding,
        endedAt: new Date().toISOString(),
        endReason: 'identity_change',
        identityChangeId: null,
        reorganisationId: null,
      },
      { versions: 2 },
    );
    await waitFor(async () => (await get(created.id)).handlerId === second.id, {
      what: 'the case handed to the other handler',
    });
    await waitFor(async () => (await h.query('SELECT 1 FROM role_holder WHERE active')).length === 1, {
      what: 'the ended binding',
    });

    await publishTestEvent(
      h.sut.nc,
      h.sut.runId,
      BindingEndedV1,
      {
        ...secondBinding,
        endedAt: new Date().toISOString(),
        endReason: 'revoked',
        identityChangeId: null,
        reorganisationId: null,
      },
      { versions: 2 },
    );
    const flagged = await waitFor(
      async () => {
        const current = await get(created.id);
        return current.flagged ? current : null;
      },
      { what: 'the case flagged' },
    );
    expect(flagged).toMatchObject({ handlerId: null, leadDepartmentId: repairs });
    const queue = await h.sut.client.request(
      ComplaintsRpc.listCases,
      { queue: 'flagged', limit: 50 },
      h.admin,
    );
    expect(queue.items.map((item) => item.id)).toContain(created.id);

    await publishTestEvent(
      h.sut.nc,
      h.sut.runId,
      DepartmentMergedV1,
      {
        reorganisationId: uuidv7(),
        effectiveDate: '2024-06-01',
        reason: '机构改革：维修中心并入后勤保障部',
        affectedDepartmentIds: [repairs, merged],
        departments: [],
        movedPeople: [],
        movedBindings: [],
        endedBindings: [],
        sourceIds: [repairs],
        targetId: merged,
        targetCreated: false,
      },
      // Both departments were created (version 1) before.
      { versions: 2 },
    );
    await waitFor(async () => (await get(created.id)).leadDepartmentId === merged, {
      what: 'the case moved by the merge',
    });
    const causes = (await h.eventsOf(created.id))
      .filter((event) => event.type === 'complaints.case.moved')
      .map((event) => (event.payload as { cause: string }).cause);
    expect(causes).toEqual(['handler_transferred', 'handler_binding_ended', 'department_merged']);
    expect(
      (await h.eventsOf(created.id)).filter((event) => event.type === 'complaints.case.flagged'),
    ).toHaveLength(1);
  });
});
