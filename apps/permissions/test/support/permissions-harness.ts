import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import {
  AuditChainCheckpointedV1,
  PermissionsRpc,
  type Actor,
  type CreateDepartment,
  type CreatePerson,
  type Department,
  type EventEnvelope,
  type GrantRoleBinding,
  type Person,
  type RequestMeta,
  type Role,
  type RoleBinding,
  type RpcBody,
  type RpcDefinition,
  type RpcResult,
} from '@gongkai/contracts';
import { streamName } from '@gongkai/messaging';
import { startServiceUnderTest, type ServiceUnderTest } from '@gongkai/service-testing';
import { waitFor } from '@gongkai/testing';
import { AppModule } from '../../src/app/app.module';
import type { PermissionsConfig } from '../../src/app/config/permissions-config';

export const BOOTSTRAP_ADMIN: Actor = { kind: 'client', id: 'bootstrap-admin' };

export interface PermissionsHarness {
  sut: ServiceUnderTest;
  db: Client;
  /** Sends a request as the bootstrap admin client, or as `actor`; the reply is checked against its definition. */
  call<TDefinition extends RpcDefinition>(
    definition: TDefinition,
    body: RpcBody<TDefinition>,
    actor?: Actor,
  ): Promise<RpcResult<TDefinition>>;
  metaOf(actor: Actor): RequestMeta;
  department(code: string, overrides?: Partial<CreateDepartment>): Promise<Department>;
  person(departmentId: string, overrides?: Partial<CreatePerson>): Promise<Person>;
  grant(
    personId: string,
    role: Role,
    departmentId: string | null,
    extra?: Partial<GrantRoleBinding>,
  ): Promise<RoleBinding>;
  /** Every event the service has published so far, in stream order. */
  events(): Promise<EventEnvelope[]>;
  /** Waits until the relay has published everything in the outbox, then returns the events. */
  settledEvents(): Promise<EventEnvelope[]>;
  /** Waits for the relay, then returns the audit chain's checkpoints in the stream. */
  settledCheckpoints(): Promise<EventEnvelope[]>;
  count(table: string): Promise<number>;
  stop(): Promise<void>;
}

let sequence = 0;
export const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(sequence += 1)}`;

export async function startPermissions(config: Partial<PermissionsConfig> = {}): Promise<PermissionsHarness> {
  const permissions: PermissionsConfig = {
    approvers: config.approvers ?? 'admin_or_reviewer',
    sweep: config.sweep ?? { intervalMs: 100, batchSize: 50 },
    apiKeyHmacSecret: config.apiKeyHmacSecret ?? `test-hmac-${randomUUID()}`,
    chainCheckpointKey: config.chainCheckpointKey ?? `test-checkpoint-${randomUUID()}`,
  };
  const sut = await startServiceUnderTest({
    service: 'permissions',
    module: (serviceConfig) => AppModule.register(serviceConfig, permissions),
    prismaDir: join(__dirname, '..', '..', 'prisma'),
  });
  const db = new Client({ connectionString: sut.databaseUrl });
  await db.connect();
  const metaOf = (actor: Actor): RequestMeta => ({ actor, correlationId: `corr-${uuidv7()}` });
  const call = <TDefinition extends RpcDefinition>(
    definition: TDefinition,
    body: RpcBody<TDefinition>,
    actor: Actor = BOOTSTRAP_ADMIN,
  ) => sut.client.request(definition, body, metaOf(actor));
  const count = async (table: string) =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0]?.n ?? 0);

  /** Everything in the stream, the audit chain's checkpoints included. */
  const streamEvents = async (): Promise<EventEnvelope[]> => {
    const jsm = await jetstreamManager(sut.nc);
    const stream = streamName(sut.runId, 'permissions');
    const info = await jsm.streams.info(stream).catch(() => null);
    if (!info || info.state.messages === 0) return [];
    const envelopes: EventEnvelope[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq += 1) {
      const message = await jsm.streams.getMessage(stream, { seq });
      if (message) envelopes.push(message.json<EventEnvelope>());
    }
    return envelopes;
  };
  const settle = () =>
    waitFor(
      async () =>
        Number(
          (await db.query<{ n: string }>(`SELECT count(*) AS n FROM "outbox" WHERE "published_at" IS NULL`))
            .rows[0]?.n ?? 1,
        ) === 0,
      { what: 'the outbox relay to publish every event' },
    );
  // The domain events; each command's audit checkpoint comes after them (checkpoints()).
  const events = async (): Promise<EventEnvelope[]> =>
    (await streamEvents()).filter((event) => event.type !== AuditChainCheckpointedV1.type);

  const harness: PermissionsHarness = {
    sut,
    db,
    call,
    metaOf,
    department: (code, overrides = {}) =>
      call(PermissionsRpc.createDepartment, {
        code,
        name: code,
        type: 'college',
        ...overrides,
      }),
    person: (departmentId, overrides = {}) =>
      call(PermissionsRpc.createPerson, {
        staffNo: unique('S'),
        name: '张老师',
        identityType: 'staff',
        departmentId,
        ...overrides,
      }),
    grant: (personId, role, departmentId, extra = {}) =>
      call(PermissionsRpc.grantRoleBinding, {
        subjectType: 'person',
        subjectId: personId,
        role,
        departmentId,
        reason: 'test grant',
        ...extra,
      }),
    events,
    settledEvents: async () => {
      await settle();
      return events();
    },
    settledCheckpoints: async () => {
      await settle();
      return (await streamEvents()).filter((event) => event.type === AuditChainCheckpointedV1.type);
    },
    count,
    stop: async () => {
      await db.end();
      await sut.stop();
    },
  };
  return harness;
}

/** Rows of every table a command may change, to prove a refused command changed nothing. */
export async function snapshotCounts(harness: PermissionsHarness): Promise<Record<string, number>> {
  const tables = [
    'department',
    'department_revision',
    'reorganisation',
    'person',
    'identity_change',
    'role_binding',
    'permission_request',
    'api_client',
    'audit_entry',
    'outbox',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await harness.count(table);
  return counts;
}

/**
 * A unique-index race made deterministic: `sql` inserts the competing row in a transaction of its
 * own, left open while `command` runs, so the command's own check does not see the row and its
 * insert waits on the index; once it waits, the row is committed and the database refuses the
 * command's. Resolves with the command's settled outcome.
 */
export async function raceOnUniqueIndex<T>(
  databaseUrl: string,
  insert: { sql: string; params: unknown[] },
  command: () => Promise<T>,
): Promise<PromiseSettledResult<T>> {
  const competitor = new Client({ connectionString: databaseUrl });
  await competitor.connect();
  try {
    await competitor.query('BEGIN');
    await competitor.query(insert.sql, insert.params);
    const outcome = Promise.allSettled([command()]).then(([settled]) => settled as PromiseSettledResult<T>);
    await waitFor(
      async () =>
        Number(
          (
            await competitor.query<{ n: string }>(
              `SELECT count(*) AS n FROM pg_stat_activity
               WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
            )
          ).rows[0]?.n ?? 0,
        ) > 0,
      { what: 'the command to wait on the unique index' },
    );
    await competitor.query('COMMIT');
    return await outcome;
  } finally {
    await competitor.end();
  }
}
