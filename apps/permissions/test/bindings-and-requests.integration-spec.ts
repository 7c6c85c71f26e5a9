import { ErrorCode, PermissionsRpc, type Action, type EventEnvelope, type Role } from '@gongkai/contracts';
import { withAnyBody } from '@gongkai/service-testing';
import { waitFor } from '@gongkai/testing';
import { BindingSweeper } from '../src/app/access/sweep-bindings/binding-sweeper';
import {
  snapshotCounts,
  startPermissions,
  unique,
  type PermissionsHarness,
} from './support/permissions-harness';

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const MISSING = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('permissions service: role bindings, time-bound grants and permission requests', () => {
  let harness: PermissionsHarness;

  beforeAll(async () => {
    // A sweep every 100 ms, so windows of a second or two are enough.
    harness = await startPermissions({ sweep: { intervalMs: 100, batchSize: 50 } });
  });
  afterAll(() => harness?.stop());

  const check = (personId: string, action: Action, departmentId: string | null) =>
    harness.call(PermissionsRpc.checkPermission, {
      subject: { type: 'person', id: personId },
      action,
      departmentId,
    });
  const eventsFor = async (bindingId: string) =>
    (await harness.events()).filter(
      (event) => (event.payload as { bindingId?: string }).bindingId === bindingId,
    ) as EventEnvelope<Record<string, unknown>>[];

  describe('time-bound grants', () => {
    it('starts a future binding and ends it at validTo by itself, each with its event, once', async () => {
      const a = await harness.department(unique('A'));
      const person = await harness.person(a.id);
      const binding = await harness.grant(person.id, 'dept_liaison', a.id, {
        // Wide enough that a loaded CI machine still asks before the start and while it lasts.
        validFrom: inMs(4000),
        validTo: inMs(8000),
      });
      const before = await check(person.id, 'rounds.task.submit', a.id);
      expect(before).toMatchObject({ allow: false, validUntil: binding.validFrom });

      const during = await waitFor(
        async () => {
          const decision = await check(person.id, 'rounds.task.submit', a.id);
          return decision.allow ? decision : null;
        },
        { what: 'the binding to start' },
      );
      expect(during).toMatchObject({ bindingId: binding.id, validUntil: binding.validTo });

      const ended = await waitFor(
        async () => {
          const current = await harness.call(PermissionsRpc.getRoleBinding, {
            id: binding.id,
          });
          return current.status === 'ended' ? current : null;
        },
        { what: 'the sweeper to end the binding' },
      );
      expect(ended).toMatchObject({ endReason: 'expired', endedAt: binding.validTo });
      expect((await check(person.id, 'rounds.task.submit', a.id)).allow).toBe(false);

      await harness.settledEvents();
      // A few more sweeps must not announce anything twice.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const events = await eventsFor(binding.id);
      expect(events.map((event) => event.type)).toEqual([
        'permissions.binding.granted',
        'permissions.binding.started',
        'permissions.binding.ended',
      ]);
      expect(events[2]?.payload).toMatchObject({
        subjectType: 'person',
        subjectId: person.id,
        endReason: 'expired',
        endedAt: binding.validTo,
      });
      expect(events[2]?.actor).toEqual({ kind: 'system', id: 'system' });
    });

    it('sweeps what is due at a given time, and replicas sweeping at once process each binding once', async () => {
      const a = await harness.department(unique('A'));
      const people = await Promise.all([1, 2, 3].map(() => harness.person(a.id)));
      const validTo = inMs(60 * 60_000);
      const bindings = await Promise.all(
        people.map((person) => harness.grant(person.id, 'complaint_handler', a.id, { validTo })),
      );
      const sweeper = harness.sut.app.get(BindingSweeper);
      const at = new Date(Date.parse(validTo) + 1000);
      const results = await Promise.all([sweeper.sweepDue(at), sweeper.sweepDue(at), sweeper.sweepDue(at)]);
      expect(results.reduce((sum, result) => sum + result.ended, 0)).toBe(3);
      await harness.settledEvents();
      for (const binding of bindings) {
        const ended = (await eventsFor(binding.id)).filter(
          (event) => event.type === 'permissions.binding.ended',
        );
        expect(ended).toHaveLength(1);
      }
    });
  });

  describe('grants', () => {
    it('refuses what cannot be granted, with a typed error and nothing changed', async () => {
      const a = await harness.department(unique('A'));
      const person = await harness.person(a.id);
      await harness.grant(person.id, 'dept_liaison', a.id);
      await harness.settledEvents();
      const counts = await snapshotCounts(harness);
      const expectCode = async (promise: Promise<unknown>, code: string, message?: RegExp) =>
        expect(promise).rejects.toMatchObject({
          body: { code, ...(message ? { message: expect.stringMatching(message) } : {}) },
        });

      // Expired windows.
      await expectCode(
        harness.grant(person.id, 'auditor', null, { validTo: inMs(-60_000) }),
        ErrorCode.VALIDATION_FAILED,
        /passed/,
      );
      await expectCode(
        harness.grant(person.id, 'auditor', null, { validFrom: inMs(7_200_000), validTo: inMs(3_600_000) }),
        ErrorCode.VALIDATION_FAILED,
        /after validFrom/,
      );
      // Unknown department and subject.
      await expectCode(harness.grant(person.id, 'dept_liaison', MISSING), ErrorCode.NOT_FOUND);
      await expectCode(harness.grant(MISSING, 'auditor', null), ErrorCode.NOT_FOUND);
      // The role's scope rule.
      await expectCode(
        harness.grant(person.id, 'dept_liaison', null),
        ErrorCode.VALIDATION_FAILED,
        /one department/,
      );
      await expectCode(harness.grant(person.id, 'auditor', a.id), ErrorCode.VALIDATION_FAILED, /school-wide/);
      // The same thing twice.
      await expectCode(harness.grant(person.id, 'dept_liaison', a.id), ErrorCode.CONFLICT);
      await expectCode(
        harness.call(withAnyBody(PermissionsRpc.grantRoleBinding), {
          subjectType: 'person',
          subjectId: person.id,
          role: 'god',
          reason: 'x',
        }),
        ErrorCode.VALIDATION_FAILED,
      );

      expect(await snapshotCounts(harness)).toEqual(counts);
    });

    it('revokes a binding once, with a reason', async () => {
      const a = await harness.department(unique('A'));
      const person = await harness.person(a.id);
      const binding = await harness.grant(person.id, 'dept_liaison', a.id);
      const revoked = await harness.call(PermissionsRpc.revokeRoleBinding, {
        id: binding.id,
        reason: '不再担任信息员',
      });
      expect(revoked).toMatchObject({ status: 'ended', endReason: 'revoked' });
      await expect(
        harness.call(PermissionsRpc.revokeRoleBinding, { id: binding.id, reason: 'again' }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.CONFLICT } });
      const listed = await harness.call(PermissionsRpc.listRoleBindings, {
        subjectId: person.id,
        status: 'ended',
      });
      expect(listed.items.map((item) => item.id)).toEqual([binding.id]);
    });
  });

  describe('permission-change requests', () => {
    it('lets the department reviewer approve for their own department only, and never their own request', async () => {
      const a = await harness.department(unique('A'));
      const b = await harness.department(unique('B'));
      const reviewer = await harness.person(a.id, { name: '审核人' });
      await harness.grant(reviewer.id, 'dept_reviewer', a.id);
      const applicant = await harness.person(a.id);
      const open = (departmentId: string, subjectId = applicant.id, role: Role = 'dept_liaison') =>
        harness.call(PermissionsRpc.openPermissionRequest, {
          subjectType: 'person',
          subjectId,
          role,
          departmentId,
          reason: '新任信息员',
        });
      const asReviewer = { kind: 'person' as const, id: reviewer.id };

      const forA = await open(a.id);
      const forB = await open(b.id);
      await expect(
        harness.call(PermissionsRpc.approvePermissionRequest, { id: forB.id }, asReviewer),
      ).rejects.toMatchObject({ body: { code: ErrorCode.FORBIDDEN } });
      const own = await open(a.id, reviewer.id, 'complaint_handler');
      await expect(
        harness.call(PermissionsRpc.approvePermissionRequest, { id: own.id }, asReviewer),
      ).rejects.toMatchObject({
        body: { code: ErrorCode.FORBIDDEN, message: expect.stringMatching(/themself/) },
      });

      const approved = await harness.call(
        PermissionsRpc.approvePermissionRequest,
        { id: forA.id, reason: '同意' },
        asReviewer,
      );
      expect(approved.request).toMatchObject({
        status: 'approved',
        decidedBy: asReviewer,
        decisionReason: '同意',
        bindingId: approved.binding.id,
      });
      expect(approved.binding).toMatchObject({
        requestId: forA.id,
        role: 'dept_liaison',
        departmentId: a.id,
      });
      expect((await check(applicant.id, 'rounds.task.submit', a.id)).allow).toBe(true);
      await expect(
        harness.call(PermissionsRpc.approvePermissionRequest, { id: forA.id }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.CONFLICT } });

      const events = (await harness.settledEvents()).filter(
        (event) => (event.payload as { requestId?: string }).requestId === forA.id,
      );
      expect(events.map((event) => event.type)).toEqual([
        'permissions.request.opened',
        'permissions.binding.granted',
        'permissions.request.approved',
      ]);
    });

    it('rejects with a reason, by an administrator', async () => {
      const a = await harness.department(unique('A'));
      const admin = await harness.person(a.id);
      await harness.grant(admin.id, 'disclosure_admin', null);
      const applicant = await harness.person(a.id);
      const request = await harness.call(PermissionsRpc.openPermissionRequest, {
        subjectType: 'person',
        subjectId: applicant.id,
        role: 'auditor',
        reason: '想看审计日志',
      });
      await expect(
        harness.call(
          withAnyBody(PermissionsRpc.rejectPermissionRequest),
          { id: request.id },
          { kind: 'person', id: admin.id },
        ),
      ).rejects.toMatchObject({ body: { code: ErrorCode.VALIDATION_FAILED } });
      const rejected = await harness.call(
        PermissionsRpc.rejectPermissionRequest,
        { id: request.id, reason: '无需此权限' },
        { kind: 'person', id: admin.id },
      );
      expect(rejected).toMatchObject({ status: 'rejected', decisionReason: '无需此权限', bindingId: null });
      expect((await check(applicant.id, 'audit.read', null)).allow).toBe(false);
    });

    it('refuses a duplicate open request and one for a role already held', async () => {
      const a = await harness.department(unique('A'));
      const person = await harness.person(a.id);
      await harness.grant(person.id, 'dept_liaison', a.id);
      const body = { subjectType: 'person' as const, subjectId: person.id, departmentId: a.id, reason: 'x' };
      await expect(
        harness.call(PermissionsRpc.openPermissionRequest, { ...body, role: 'dept_liaison' }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.CONFLICT } });
      await harness.call(PermissionsRpc.openPermissionRequest, { ...body, role: 'dept_reviewer' });
      await expect(
        harness.call(PermissionsRpc.openPermissionRequest, { ...body, role: 'dept_reviewer' }),
      ).rejects.toMatchObject({ body: { code: ErrorCode.CONFLICT } });
    });
  });
});

describe('permissions service: admin-only approvals (PERMISSION_REQUEST_APPROVERS=admin)', () => {
  let harness: PermissionsHarness;

  beforeAll(async () => {
    harness = await startPermissions({ approvers: 'admin' });
  });
  afterAll(() => harness?.stop());

  it('does not let a department reviewer approve, but an administrator may', async () => {
    const a = await harness.department(unique('A'));
    const reviewer = await harness.person(a.id);
    await harness.grant(reviewer.id, 'dept_reviewer', a.id);
    const admin = await harness.person(a.id);
    await harness.grant(admin.id, 'disclosure_admin', null);
    const applicant = await harness.person(a.id);
    const request = await harness.call(PermissionsRpc.openPermissionRequest, {
      subjectType: 'person',
      subjectId: applicant.id,
      role: 'dept_liaison',
      departmentId: a.id,
      reason: 'x',
    });
    await expect(
      harness.call(
        PermissionsRpc.approvePermissionRequest,
        { id: request.id },
        { kind: 'person', id: reviewer.id },
      ),
    ).rejects.toMatchObject({ body: { code: ErrorCode.FORBIDDEN, details: { policy: 'admin' } } });
    await expect(
      harness.call(
        PermissionsRpc.approvePermissionRequest,
        { id: request.id },
        { kind: 'person', id: admin.id },
      ),
    ).resolves.toMatchObject({ request: { status: 'approved' } });
  });
});
