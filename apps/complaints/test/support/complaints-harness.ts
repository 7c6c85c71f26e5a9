import { join } from 'node:path';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import {
  BOOTSTRAP_ADMIN_CLIENT_ID,
  CaseStepRpc,
  CheckPermissionRpc,
  ComplaintsRpc,
  DepartmentCreatedV1,
  projectedDepartmentsRpcOf,
  type Action,
  type Case,
  type CreateCase,
  type EventEnvelope,
  type RequestMeta,
} from '@gongkai/contracts';
import { serveRpc } from '@gongkai/messaging';
import { publishTestEvent, startServiceUnderTest, type ServiceUnderTest } from '@gongkai/service-testing';
import { waitFor } from '@gongkai/testing';
import { AppModule } from '../../src/app/app.module';
import { loadComplaintsConfig } from '../../src/app/config/complaints-config';
import { Clock } from '@gongkai/service-kit';

/** A grant the permissions stand-in answers with: action in a department (null: school-wide). */
export interface Grant {
  action: Action;
  departmentId: string | null;
}

/** A clock the test sets (the periodic pass and business-time checks read it). */
export class TestClock extends Clock {
  at: Date | null = null;
  override now(): Date {
    return this.at ?? new Date();
  }
}

export interface ComplaintsHarness {
  sut: ServiceUnderTest;
  admin: RequestMeta;
  clock: TestClock;
  /** Grants by person id; a school-wide grant covers every department, as in permissions. */
  grants: Map<string, Grant[]>;
  person(grants: Grant[]): { id: string; meta: RequestMeta };
  department(name: string): Promise<string>;
  create(
    body: Partial<CreateCase> & Pick<CreateCase, 'kind' | 'source'>,
    meta?: RequestMeta,
  ): Promise<{ case: Case; verificationCode: string }>;
  step<S extends keyof typeof CaseStepRpc>(
    step: S,
    caseId: string,
    body: Record<string, unknown>,
    meta?: RequestMeta,
  ): Promise<Case>;
  /** The events the service wrote for a case, from its outbox. */
  eventsOf(caseId: string): Promise<EventEnvelope[]>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startComplaints(env: Record<string, string> = {}): Promise<ComplaintsHarness> {
  const clock = new TestClock();
  const sut = await startServiceUnderTest({
    service: 'complaints',
    module: (config) =>
      AppModule.register(config, loadComplaintsConfig({ SLA_SWEEP_INTERVAL_MS: '0', ...env })),
    prismaDir: join(__dirname, '..', '..', 'prisma'),
  });
  // Tests move time: the service's Clock is replaced by the test's.
  const serviceClock = sut.app.get(Clock, { strict: false });
  Object.defineProperty(serviceClock, 'now', { value: () => clock.now() });
  const grants = new Map<string, Grant[]>();
  const standIn = serveRpc(
    sut.nc,
    { prefix: sut.runId, subject: CheckPermissionRpc.subject },
    ({ payload }) => {
      const { body } = payload as {
        body: { subject: { id: string }; action: Action; departmentId: string | null };
      };
      const held = grants.get(body.subject.id) ?? [];
      const allow = held.some(
        (grant) =>
          grant.action === body.action &&
          (grant.departmentId === null || grant.departmentId === body.departmentId),
      );
      return {
        allow,
        reason: allow ? 'granted in the test' : 'no grant in the test',
        bindingId: null,
        validUntil: null,
      };
    },
  );
  const db = new Client({ connectionString: sut.databaseUrl });
  await db.connect();
  const admin: RequestMeta = {
    actor: { kind: 'client', id: BOOTSTRAP_ADMIN_CLIENT_ID },
    correlationId: `corr-${sut.runId}`,
  };
  let departments = 0;
  const harness: ComplaintsHarness = {
    sut,
    admin,
    clock,
    grants,
    person(held) {
      const id = uuidv7();
      grants.set(id, held);
      return { id, meta: { actor: { kind: 'person', id }, correlationId: `corr-${id}` } };
    },
    async department(name) {
      const departmentId = uuidv7();
      departments += 1;
      await publishTestEvent(
        sut.nc,
        sut.runId,
        DepartmentCreatedV1,
        {
          departmentId,
          code: `D${departments}${sut.runId.slice(-4)}`,
          name,
          type: 'office',
          parentId: null,
          status: 'active',
        },
        { versions: 1 },
      );
      await waitFor(
        async () =>
          (
            await sut.client.request(projectedDepartmentsRpcOf('complaints'), { limit: 500 }, admin)
          ).items.some((department) => department.id === departmentId),
        { what: `department ${name} projected` },
      );
      return departmentId;
    },
    async create(body, meta = admin) {
      return sut.client.request(
        ComplaintsRpc.createCase,
        {
          category: 'canteen',
          title: '食堂饭菜价格上涨',
          content: '二食堂的饭菜最近涨价明显，希望学校核实。',
          requester: { name: '张三', contact: '13800138000' },
          ...body,
        } as CreateCase,
        meta,
      );
    },
    async step(step, caseId, body, meta = admin) {
      return sut.client.request(
        CaseStepRpc[step] as (typeof CaseStepRpc)['accept'],
        { caseId, body } as never,
        meta,
      );
    },
    async eventsOf(caseId) {
      const rows = await db.query<{ envelope: EventEnvelope }>(
        `SELECT "envelope" FROM "outbox" WHERE "envelope"->>'aggregateId' = $1 ORDER BY "seq"`,
        [caseId],
      );
      return rows.rows.map((row) => row.envelope);
    },
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query(sql, params)).rows as T[];
    },
    async stop() {
      standIn.unsubscribe();
      await db.end();
      await sut.stop();
    },
  };
  return harness;
}
