import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  PermissionsEvents,
  PermissionsSubjects,
  type CheckPermission,
  type Decision,
  type EventPayload,
} from '@gongkai/contracts';
import { ServiceClientModule, connectNats, serveRpc } from '@gongkai/messaging';
import { publishTestEvent } from '@gongkai/service-testing';
import { TEST_NATS_URL, deleteStreamsOfRun, newRunId, waitFor } from '@gongkai/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { DecisionClient, DecisionsModule } from '../src';

const ALICE = '0190b3a4-7c1e-7c3a-8f00-00000000a11c';
const BOB = '0190b3a4-7c1e-7c3a-8f00-0000000000b0';
const DEPT_A = '0190b3a4-7c1e-7c3a-8f00-00000000000a';
const DEPT_B = '0190b3a4-7c1e-7c3a-8f00-00000000000b';
const BINDING = '0190b3a4-7c1e-7c3a-8f00-0000000000bb';

const allow: Decision = { allow: true, reason: 'dept_liaison in A', bindingId: BINDING, validUntil: null };
const deny: Decision = { allow: false, reason: 'No binding in force', bindingId: null, validUntil: null };

const bindingEnded = (subjectId: string): EventPayload<typeof PermissionsEvents.bindingEnded> => ({
  bindingId: BINDING,
  subjectType: 'person',
  subjectId,
  role: 'dept_liaison',
  departmentId: DEPT_A,
  validFrom: '2024-09-01T00:00:00.000Z',
  validTo: null,
  endedAt: new Date().toISOString(),
  endReason: 'revoked',
  identityChangeId: null,
  reorganisationId: null,
});

const departmentMerged: EventPayload<typeof PermissionsEvents.departmentMerged> = {
  reorganisationId: BINDING,
  effectiveDate: '2024-07-01',
  reason: '机构改革',
  affectedDepartmentIds: [DEPT_A, DEPT_B],
  departments: [],
  movedPeople: [],
  movedBindings: [],
  endedBindings: [],
  sourceIds: [DEPT_A, DEPT_B],
  targetId: DEPT_A,
  targetCreated: false,
};

/** Stands for a service's own class that decides (the catalogue's ItemAccess). */
@Injectable()
class ServiceThatDecides {
  constructor(readonly decisionClient: DecisionClient) {}

  mayUpdate(personId: string): Promise<boolean> {
    return this.decisionClient
      .check({
        actor: { kind: 'person', id: personId },
        action: 'catalogue.item.update',
        departmentId: DEPT_A,
        correlationId: 'decisions-module-test',
      })
      .then((decision) => decision.allow);
  }
}

@Module({ providers: [ServiceThatDecides], exports: [ServiceThatDecides] })
class FeatureModule {}

describe('DecisionsModule in a service: checks cached until a permissions event says otherwise', () => {
  const prefix = newRunId();
  let app: INestApplicationContext;
  let nc: NatsConnection;
  let service: ServiceThatDecides;
  let decide: (check: CheckPermission) => Decision;
  const checks: CheckPermission[] = [];
  const askedFor = () => checks.map((check) => check.subject.id);

  beforeAll(async () => {
    nc = await connectNats({ servers: TEST_NATS_URL, name: 'decisions-module-test' });
    serveRpc(nc, { prefix, subject: PermissionsSubjects.checkPermission }, (call) => {
      const check = (call.payload as { body: CheckPermission }).body;
      checks.push(check);
      return decide(check);
    });
    await nc.flush();

    @Module({
      imports: [
        ServiceClientModule.forRoot({
          servers: TEST_NATS_URL,
          prefix,
          defaultTimeoutMs: 2000,
          name: `${prefix}-catalogue`,
          validateReplies: true,
        }),
        DecisionsModule.forService({ caller: 'catalogue', prefix, cacheTtlMs: 60_000 }),
        FeatureModule,
      ],
    })
    class ServiceModule {}

    app = await NestFactory.createApplicationContext(ServiceModule, { logger: false });
    service = app.get(ServiceThatDecides);
  });

  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await deleteStreamsOfRun(prefix);
  });

  beforeEach(() => {
    decide = () => allow;
    checks.length = 0;
  });

  it("drops a subject's decisions on its binding event, and only that subject's", async () => {
    expect(await service.mayUpdate(ALICE)).toBe(true);
    expect(await service.mayUpdate(BOB)).toBe(true);
    expect(await service.mayUpdate(ALICE)).toBe(true);
    expect(askedFor()).toEqual([ALICE, BOB]);

    decide = () => deny;
    await publishTestEvent(nc, prefix, PermissionsEvents.bindingEnded, bindingEnded(ALICE), { versions: 2 });
    await waitFor(async () => !(await service.mayUpdate(ALICE)), {
      timeoutMs: 3000,
      what: "Alice's cached decision to be dropped by her event",
    });
    expect(await service.mayUpdate(BOB)).toBe(true);
    expect(askedFor().filter((id) => id === BOB)).toHaveLength(1);
  });

  it('drops every decision on a reorganisation', async () => {
    expect(await service.mayUpdate(BOB)).toBe(true);
    expect(checks).toHaveLength(0);

    decide = () => deny;
    await publishTestEvent(nc, prefix, PermissionsEvents.departmentMerged, departmentMerged, { versions: 3 });
    await waitFor(async () => !(await service.mayUpdate(BOB)), {
      timeoutMs: 3000,
      what: 'every cached decision to be dropped by the reorganisation',
    });
  });
});
