import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import { defineRpc } from '@gongkai/contracts';
import { ServiceClient, connectNats } from '@gongkai/messaging';
import { dropDatabase } from '@gongkai/persistence';
import {
  deleteStreamsOfRun,
  freePort,
  newRunId,
  testDatabaseUrl,
  TEST_NATS_URL,
  waitFor,
} from '@gongkai/testing';
import { copyWorkspace, tail, type RunningProcess, type WorkspaceCopy } from './workspace-copy';

const workspaceRoot = join(__dirname, '../../..');
const MINUTES = 60_000;

/** A name no developer would pick, letters only (service names are): `zzprobe` + 6 random letters. */
function probeName(): string {
  const letters = Array.from({ length: 6 }, () => String.fromCharCode(97 + randomInt(26)));
  return `zzprobe${letters.join('')}`;
}

/** What `git status` says about paths naming the probe: nothing, if the copy kept everything to itself. */
function traces(probe: string): string[] {
  const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
    cwd: workspaceRoot,
  });
  return status
    .toString()
    .split('\n')
    .filter((line) => line.includes(probe));
}

/**
 * CI proof that the generator's output is a working service: `nx g @gongkai/tools:service` for a
 * throwaway name in a scratch copy of this workspace, then, in that copy, the new service and
 * the gateway are built, booted against the real NATS and PostgreSQL (their own database and
 * NATS prefix) and called — health, readiness, and the example operation through the gateway with
 * an Idempotency-Key — and the service's own generated tests, lint and typecheck run, and the
 * gateway typechecks with the generated routes (service.generator.spec.ts checks each registry
 * edit in memory). This checkout is never written; the copy, the databases and the streams are
 * removed whatever happens.
 */
describe('nx g @gongkai/tools:service: the generated service builds, boots and passes its own tests', () => {
  const probe = probeName();
  const runId = newRunId();
  const databaseUrl = testDatabaseUrl(runId, probe);
  let copy: WorkspaceCopy | undefined;
  let nc: NatsConnection | undefined;
  const apps: RunningProcess[] = [];
  const inCopy = () => {
    if (!copy) throw new Error('the workspace copy was not made');
    return copy;
  };

  beforeAll(async () => {
    copy = await copyWorkspace(workspaceRoot);
  }, 2 * MINUTES);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await nc?.close();
    await copy?.remove();
    await deleteStreamsOfRun(runId);
    await dropDatabase(databaseUrl);
    expect(traces(probe)).toEqual([]);
  }, 2 * MINUTES);

  it(
    'generates the service and registers it everywhere the services are listed',
    async () => {
      const output = await inCopy().nx(['g', '@gongkai/tools:service', probe, '--no-interactive']);
      expect(output).toContain(`CREATE apps/${probe}/src/app/notes/create-note/create-note.use-case.ts`);
      expect(output).toMatch(new RegExp(`CREATE apps/${probe}/prisma/migrations/\\d{14}_init/migration.sql`));
      for (const registry of [
        'libs/contracts/src/common/services.ts',
        'eslint.config.mjs',
        'docker-compose.yml',
      ])
        expect(readFileSync(join(inCopy().root, registry), 'utf8')).toContain(probe);
      expect(readFileSync(join(inCopy().root, 'tools/docker/nats-users.conf'), 'utf8')).toContain(
        `user: "${probe}"`,
      );
      expect(existsSync(join(workspaceRoot, 'apps', probe))).toBe(false);
    },
    5 * MINUTES,
  );

  it(
    'builds the service and the gateway',
    async () => {
      await inCopy().nx(['run-many', '-t', 'build', '-p', `${probe},gateway`, '--outputStyle=static']);
      expect(existsSync(join(inCopy().root, 'dist', 'apps', probe, 'main.js'))).toBe(true);
      expect(existsSync(join(inCopy().root, 'dist', 'apps', probe, 'prisma', 'migrations'))).toBe(true);
    },
    10 * MINUTES,
  );

  it(
    'boots the built service and gateway: health, readiness and the example operation over HTTP',
    async () => {
      const port = await freePort();
      const adminKey = `admin-${runId}-0123456789abcdef`;
      const common = { NATS_URL: TEST_NATS_URL, NATS_PREFIX: runId, LOG_LEVEL: 'warn', NODE_ENV: 'test' };
      const service = inCopy().node(`dist/apps/${probe}/main.js`, {
        ...common,
        [`${probe.toUpperCase()}_DATABASE_URL`]: databaseUrl,
      });
      const gateway = inCopy().node('dist/apps/gateway/main.js', {
        ...common,
        PORT: String(port),
        HOST: '127.0.0.1',
        BOOTSTRAP_ADMIN_API_KEY: adminKey,
      });
      apps.push(service, gateway);
      const exited = () =>
        [service, gateway].find((app) => app.child.exitCode !== null || app.child.signalCode !== null);

      try {
        // Its health subject, as the gateway and the container health check ask it.
        nc = await connectNats({ servers: TEST_NATS_URL, name: `${runId}-generator-test` });
        const client = new ServiceClient(nc, { prefix: runId, defaultTimeoutMs: 3000 });
        const health = defineRpc({
          subject: `${probe}.health.ping`,
          request: z.unknown(),
          reply: z.unknown(),
        });
        const answer = await waitFor(
          async () => {
            if (exited()) throw new Error('an app exited');
            return client.request(
              health,
              {},
              { actor: { kind: 'system', id: 'test' }, correlationId: runId },
            );
          },
          { timeoutMs: 90_000, intervalMs: 250, what: `${probe} to answer its health check` },
        );
        expect(answer).toMatchObject({ service: probe, status: 'ok', database: 'ok' });

        // The gateway asks it for /readyz (the services that are not running here are not ready).
        const base = `http://127.0.0.1:${port}`;
        const readyz = await waitFor(
          async () => {
            if (exited()) throw new Error('an app exited');
            const response = await fetch(`${base}/readyz`);
            const body = (await response.json()) as {
              checks?: { services: { service: string; status: string }[] };
            };
            return body.checks?.services.find((check) => check.service === probe && check.status === 'ok');
          },
          { timeoutMs: 60_000, intervalMs: 250, what: `the gateway's /readyz to list ${probe} as ok` },
        );
        expect(readyz).toMatchObject({ service: probe, status: 'ok' });

        // The example operation through its generated routes; a retry with the same key answers the first result.
        const headers = {
          'content-type': 'application/json',
          'x-api-key': adminKey,
          'idempotency-key': `generator-${runId}`,
        };
        const post = () =>
          fetch(`${base}/api/v1/${probe}/notes`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              title: ' Generated\u3000service ',
              body: 'It builds, boots and answers.',
            }),
          });
        const created = await post();
        const note = (await created.json()) as { id: string; title: string };
        expect({ status: created.status, title: note.title }).toEqual({
          status: 201,
          title: 'Generated service',
        });
        const retried = await post();
        expect({ status: retried.status, body: await retried.json() }).toEqual({ status: 201, body: note });
        const read = await fetch(`${base}/api/v1/${probe}/notes/${note.id}`, {
          headers: { 'x-api-key': adminKey },
        });
        expect({ status: read.status, body: await read.json() }).toEqual({ status: 200, body: note });
        const document = (await (await fetch(`${base}/api/docs-json`)).json()) as {
          paths: Record<string, unknown>;
        };
        expect(Object.keys(document.paths)).toEqual(
          expect.arrayContaining([`/api/v1/${probe}/notes`, `/api/v1/${probe}/notes/{id}`]),
        );
      } catch (error) {
        throw new Error(
          `${(error as Error).message}\n--- ${probe}\n${tail(service.output(), 30)}\n--- gateway\n${tail(gateway.output(), 30)}`,
        );
      }
    },
    5 * MINUTES,
  );

  it(
    'passes its own unit and integration tests, lint and typecheck; the gateway typechecks with its routes',
    async () => {
      // Its note-text spec, its health and notes integration specs (their own databases and prefixes).
      const own = await inCopy().nx([
        'run-many',
        '-t',
        'lint',
        'typecheck',
        'test',
        'integration',
        '-p',
        probe,
        '--outputStyle=static',
      ]);
      expect(own).toMatch(/note-text\.spec\.ts/);
      expect(own).toMatch(/notes\.integration-spec\.ts/);
      // The gateway with its generated module and routes (its build only transpiles).
      await inCopy().nx(['typecheck', 'gateway', '--outputStyle=static']);
    },
    10 * MINUTES,
  );
});
