import {
  ErrorCode,
  PermissionsRpc,
  type Action,
  type AuditEntry,
  type EventEnvelope,
  type IdentityChangeBody,
} from '@gongkai/contracts';
import { withAnyBody } from '@gongkai/service-testing';
import {
  raceOnUniqueIndex,
  snapshotCounts,
  startPermissions,
  unique,
  type PermissionsHarness,
} from './support/permissions-harness';

describe('permissions service: people and identity changes', () => {
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
  const change = (personId: string, body: IdentityChangeBody) =>
    harness.call(PermissionsRpc.recordIdentityChange, { personId, ...body });
  const auditOf = async (personId: string) =>
    (
      await harness.call(PermissionsRpc.listAuditLog, {
        subjectType: 'person',
        subjectId: personId,
        limit: 500,
      })
    ).items;

  it('transfers a liaison from A to B: A-scoped bindings end, a request for B opens, every step audited, each event once', async () => {
    const a = await harness.department(unique('A'));
    const b = await harness.department(unique('B'));
    const liaison = await harness.person(a.id, { name: '李信息员' });
    const liaisonOfA = await harness.grant(liaison.id, 'dept_liaison', a.id);
    const handlerOfA = await harness.grant(liaison.id, 'complaint_handler', a.id);
    const supervisor = await harness.grant(liaison.id, 'supervisor', null);
    expect((await check(liaison.id, 'rounds.task.submit', a.id)).allow).toBe(true);
    const eventsBefore = (await harness.settledEvents()).length;

    const result = await change(liaison.id, {
      kind: 'transfer',
      toDepartmentId: b.id,
      reason: '调岗',
      occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
    });

    expect(result.person).toMatchObject({ departmentId: b.id, status: 'active' });
    expect(result.change).toMatchObject({
      kind: 'transfer',
      fromDepartmentId: a.id,
      toDepartmentId: b.id,
      reason: '调岗',
    });
    expect(result.endedBindings.map((ended) => ended.bindingId).sort()).toEqual(
      [liaisonOfA.id, handlerOfA.id].sort(),
    );
    expect(result.openedRequests.map((opened) => opened.role).sort()).toEqual([
      'complaint_handler',
      'dept_liaison',
    ]);
    expect(result.openedRequests.every((opened) => opened.departmentId === b.id)).toBe(true);

    // A-scoped bindings ended; the school-wide one stays; nothing in B until approved.
    const ended = await harness.call(PermissionsRpc.getRoleBinding, { id: liaisonOfA.id });
    expect(ended).toMatchObject({ status: 'ended', endReason: 'identity_change' });
    expect((await check(liaison.id, 'rounds.task.submit', a.id)).allow).toBe(false);
    expect((await check(liaison.id, 'rounds.task.submit', b.id)).allow).toBe(false);
    expect((await check(liaison.id, 'complaints.case.supervise', null)).allow).toBe(true);
    const requests = await harness.call(PermissionsRpc.listPermissionRequests, {
      subjectId: liaison.id,
    });
    expect(requests.items).toHaveLength(2);
    expect(requests.items[0]).toMatchObject({
      status: 'requested',
      origin: 'identity_change',
      identityChangeId: result.change.id,
      departmentId: b.id,
    });
    expect(requests.items[0]?.reason).toContain('Transferred');

    // The audit log has every step, with the effective permissions before and after.
    const audit = await auditOf(liaison.id);
    const steps = audit.map((entry) => entry.action);
    expect(steps).toEqual([
      'person.created',
      'binding.granted',
      'binding.granted',
      'binding.granted',
      'binding.ended',
      'binding.ended',
      'request.opened',
      'request.opened',
      'person.identity_changed',
    ]);
    const identityEntry = audit[audit.length - 1] as AuditEntry;
    expect(identityEntry.occurredAt).toBe(result.change.occurredAt);
    expect((identityEntry.before as { bindingId: string }[]).map((p) => p.bindingId).sort()).toEqual(
      [liaisonOfA.id, handlerOfA.id, supervisor.id].sort(),
    );
    expect((identityEntry.after as { bindingId: string }[]).map((p) => p.bindingId)).toEqual([supervisor.id]);
    expect(identityEntry.actor).toEqual({ kind: 'client', id: 'bootstrap-admin' });

    // Each event exactly once, carrying what caches and the other services need.
    const events = (await harness.settledEvents()).slice(eventsBefore);
    const types = events.map((event) => event.type);
    expect(types.sort()).toEqual(
      [
        'permissions.binding.ended',
        'permissions.binding.ended',
        'permissions.request.opened',
        'permissions.request.opened',
        'permissions.person.identity-changed',
      ].sort(),
    );
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    const changed = events.find(
      (event) => event.type === 'permissions.person.identity-changed',
    ) as EventEnvelope<{
      subjectType: string;
      subjectId: string;
      kind: string;
      fromDepartmentId: string;
      toDepartmentId: string;
      endedBindings: unknown[];
      openedRequests: unknown[];
    }>;
    expect(changed.payload).toMatchObject({
      subjectType: 'person',
      subjectId: liaison.id,
      kind: 'transfer',
      fromDepartmentId: a.id,
      toDepartmentId: b.id,
    });
    expect(changed.payload.endedBindings).toHaveLength(2);
    expect(changed.payload.openedRequests).toHaveLength(2);
    expect(changed.occurredAt).toBe(result.change.occurredAt);
    for (const event of events.filter((event) => event.type === 'permissions.binding.ended')) {
      expect(event.payload).toMatchObject({
        subjectType: 'person',
        subjectId: liaison.id,
        endReason: 'identity_change',
      });
    }
  });

  it('approving the request opened by a transfer gives the role in the new department', async () => {
    const a = await harness.department(unique('A'));
    const b = await harness.department(unique('B'));
    const person = await harness.person(a.id);
    await harness.grant(person.id, 'dept_liaison', a.id);
    const { openedRequests } = await change(person.id, { kind: 'transfer', toDepartmentId: b.id });
    const approved = await harness.call(PermissionsRpc.approvePermissionRequest, {
      id: openedRequests[0]?.requestId ?? 'no request opened',
    });
    expect(approved.binding).toMatchObject({ role: 'dept_liaison', departmentId: b.id, status: 'active' });
    expect((await check(person.id, 'rounds.task.submit', b.id)).allow).toBe(true);
    expect((await check(person.id, 'rounds.task.submit', a.id)).allow).toBe(false);
  });

  it('a departed person loses every binding at once and open requests are cancelled', async () => {
    const a = await harness.department(unique('A'));
    const person = await harness.person(a.id);
    await harness.grant(person.id, 'dept_reviewer', a.id);
    await harness.grant(person.id, 'auditor', null);
    await harness.grant(person.id, 'supervisor', null, {
      validFrom: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const request = await harness.call(PermissionsRpc.openPermissionRequest, {
      subjectType: 'person',
      subjectId: person.id,
      role: 'dept_liaison',
      departmentId: a.id,
      reason: 'needs it',
    });
    const result = await change(person.id, { kind: 'depart', reason: '离职' });
    expect(result.person.status).toBe('departed');
    expect(result.endedBindings).toHaveLength(3);
    expect(result.cancelledRequestIds).toEqual([request.id]);
    const access = await harness.call(PermissionsRpc.getPersonAccess, {
      personId: person.id,
    });
    expect(access).toMatchObject({ status: 'departed', usable: false, permissions: [], upcoming: [] });
    expect((await check(person.id, 'audit.read', null)).reason).toMatch(/departed/);
    // A departed person cannot be given anything.
    await expect(harness.grant(person.id, 'auditor', null)).rejects.toMatchObject({
      body: { code: ErrorCode.PRECONDITION_FAILED },
    });
  });

  it('suspends every decision while on leave and restores them on return, bindings untouched', async () => {
    const a = await harness.department(unique('A'));
    const person = await harness.person(a.id);
    const binding = await harness.grant(person.id, 'dept_liaison', a.id);
    await change(person.id, { kind: 'leave' });
    expect(await check(person.id, 'rounds.task.submit', a.id)).toMatchObject({
      allow: false,
      reason: expect.stringMatching(/on leave/),
    });
    const onLeave = await harness.call(PermissionsRpc.getPersonAccess, {
      personId: person.id,
    });
    expect(onLeave).toMatchObject({ usable: false, permissions: [{ bindingId: binding.id }] });
    await expect(change(person.id, { kind: 'leave' })).rejects.toMatchObject({
      body: { code: ErrorCode.PRECONDITION_FAILED },
    });
    await change(person.id, { kind: 'return' });
    expect((await check(person.id, 'rounds.task.submit', a.id)).allow).toBe(true);
  });

  it('records a change of post and a re-join after departure, listed in order', async () => {
    const a = await harness.department(unique('A'));
    const b = await harness.department(unique('B'));
    const person = await harness.person(a.id);
    await change(person.id, { kind: 'post_change', post: '副院长' });
    await change(person.id, { kind: 'depart' });
    await expect(change(person.id, { kind: 'transfer', toDepartmentId: b.id })).rejects.toMatchObject({
      body: { code: ErrorCode.PRECONDITION_FAILED },
    });
    const rejoined = await change(person.id, { kind: 'join', toDepartmentId: b.id });
    expect(rejoined.person).toMatchObject({ status: 'active', departmentId: b.id, post: '副院长' });
    const history = await harness.call(PermissionsRpc.listIdentityChanges, {
      personId: person.id,
    });
    expect(history.items.map((item) => item.kind)).toEqual(['join', 'post_change', 'depart', 'join']);
  });

  it('lists the people of a department, a page at a time, and finds one by staff number', async () => {
    const a = await harness.department(unique('A'));
    const first = await harness.person(a.id);
    const second = await harness.person(a.id);
    const page = await harness.call(PermissionsRpc.listPeople, { departmentId: a.id, limit: 1 });
    expect(page).toEqual({ items: [first], nextCursor: first.id });
    const next = await harness.call(PermissionsRpc.listPeople, {
      departmentId: a.id,
      cursor: page.nextCursor ?? undefined,
    });
    expect(next).toEqual({ items: [second], nextCursor: null });
    const found = await harness.call(PermissionsRpc.listPeople, { staffNo: second.staffNo });
    expect(found.items.map((person) => person.id)).toEqual([second.id]);
  });

  it('answers the role table', async () => {
    const roles = await harness.call(PermissionsRpc.listRoles, {});
    expect(roles.items.find((role) => role.role === 'dept_liaison')).toMatchObject({
      departmentScoped: true,
    });
  });

  it('answers what a person can do, where, until when', async () => {
    const a = await harness.department(unique('A'));
    const person = await harness.person(a.id);
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const liaison = await harness.grant(person.id, 'dept_liaison', a.id, { validTo: until });
    const upcoming = await harness.grant(person.id, 'auditor', null, { validFrom: later });
    const access = await harness.call(PermissionsRpc.getPersonAccess, {
      personId: person.id,
    });
    expect(access).toMatchObject({ personId: person.id, usable: true, departmentId: a.id });
    expect(access.permissions).toEqual([
      {
        bindingId: liaison.id,
        role: 'dept_liaison',
        actions: ['catalogue.item.update', 'rounds.task.submit', 'complaints.case.read'],
        departmentId: a.id,
        validFrom: liaison.validFrom,
        validTo: until,
      },
    ]);
    expect(access.upcoming.map((permission) => permission.bindingId)).toEqual([upcoming.id]);
  });

  describe('bad input: a typed error and nothing changed', () => {
    it('refuses an unknown department, a duplicate staff number, a future occurredAt and a wrong kind', async () => {
      const a = await harness.department(unique('A'));
      const person = await harness.person(a.id, { staffNo: unique('DUP') });
      await harness.settledEvents();
      const counts = await snapshotCounts(harness);

      await expect(harness.person('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).rejects.toMatchObject({
        body: { code: ErrorCode.NOT_FOUND, reason: 'DEPARTMENT_NOT_FOUND' },
      });
      await expect(harness.person(a.id, { staffNo: person.staffNo })).rejects.toMatchObject({
        body: { code: ErrorCode.CONFLICT, reason: 'STAFF_NO_TAKEN', details: { staffNo: person.staffNo } },
      });
      await expect(
        change(person.id, { kind: 'transfer', toDepartmentId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.NOT_FOUND, reason: 'DEPARTMENT_NOT_FOUND' } });
      await expect(
        change(person.id, { kind: 'leave', occurredAt: new Date(Date.now() + 3_600_000).toISOString() }),
      ).rejects.toMatchObject({
        body: {
          code: ErrorCode.VALIDATION_FAILED,
          reason: 'OCCURRED_AT_IN_FUTURE',
          message: expect.stringMatching(/future/),
        },
      });
      await expect(change(person.id, { kind: 'transfer', toDepartmentId: a.id })).rejects.toMatchObject({
        body: { code: ErrorCode.VALIDATION_FAILED, reason: 'PERSON_ALREADY_IN_DEPARTMENT' },
      });
      await expect(
        harness.call(withAnyBody(PermissionsRpc.recordIdentityChange), {
          personId: person.id,
          kind: 'retire',
        }),
      ).rejects.toMatchObject({
        body: { code: ErrorCode.VALIDATION_FAILED },
      });

      expect(await snapshotCounts(harness)).toEqual(counts);
    });

    it('answers a concurrent request that saved the same staff number first with STAFF_NO_TAKEN too', async () => {
      const a = await harness.department(unique('A'));
      const staffNo = unique('RACE');
      const outcome = await raceOnUniqueIndex(
        harness.sut.databaseUrl,
        {
          sql: `INSERT INTO "person" ("id", "staff_no", "name", "department_id", "identity_type", "updated_at")
                VALUES ($1, $2, '先到者', $3, 'staff', now())`,
          params: ['0190a1b2-c3d4-7e5f-8a9b-00000000f1a5', staffNo, a.id],
        },
        () => harness.person(a.id, { staffNo }),
      );
      expect(outcome).toMatchObject({
        status: 'rejected',
        reason: {
          body: {
            code: ErrorCode.CONFLICT,
            reason: 'STAFF_NO_TAKEN',
            details: { target: 'person_staff_no_key' },
          },
        },
      });
    });
  });
});
