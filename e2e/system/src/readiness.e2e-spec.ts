import { Client } from 'pg';
import { DATA_SERVICES } from '@gongkai/contracts';
import { v7 as uuidv7 } from 'uuid';
import { startSystem, testDatabaseUrl, waitFor, type RunningSystem } from '@gongkai/testing';
import { call } from './walking-skeleton.e2e-helpers';

interface ServiceCheck {
  service: string;
  status: string;
  answered: boolean;
  reasons?: string[];
}

interface Readyz {
  status: number;
  body: { detail?: string; services?: ServiceCheck[]; checks?: { services: ServiceCheck[] } };
}

describe('gateway /readyz names a service that cannot publish, with its reason', () => {
  let system: RunningSystem;
  let catalogueDb: Client;
  const eventId = uuidv7();

  const readyz = () => call(system, 'GET', '/readyz', { asAdmin: false }) as Promise<Readyz>;

  beforeAll(async () => {
    system = await startSystem();
    catalogueDb = new Client({ connectionString: testDatabaseUrl(system.runId, 'catalogue') });
    await catalogueDb.connect();
  }, 120000);

  afterAll(async () => {
    await catalogueDb?.end();
    await system?.stop();
  });

  it('lists every service as ok when all are ready', async () => {
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.body.services?.map((check) => [check.service, check.status]).sort()).toEqual(
      [...DATA_SERVICES].sort().map((service) => [service, 'ok']),
    );
  });

  it('answers 503 naming catalogue while an event has waited in its outbox for over a minute', async () => {
    // An event no stream takes (as when JetStream refuses every publish), written two minutes ago.
    await catalogueDb.query(
      `INSERT INTO "outbox" ("event_id", "subject", "type", "version", "envelope", "created_at")
       VALUES ($1::uuid, 'evt.nowhere.thing.happened.v1', 'nowhere.thing.happened', 1, $2::jsonb, now() - interval '2 minutes')`,
      [
        eventId,
        JSON.stringify({ id: eventId, type: 'nowhere.thing.happened', version: 1, correlationId: 'e2e' }),
      ],
    );
    const notReady = await readyz();
    expect(notReady.status).toBe(503);
    const catalogue = notReady.body.checks?.services.find((check) => check.service === 'catalogue');
    expect(catalogue).toMatchObject({ status: 'unavailable', answered: true });
    expect(catalogue?.reasons).toEqual([
      expect.stringMatching(
        /^cannot publish: the oldest of 1 unsent event\(s\) has waited \d+ s \(limit 60 s\)$/,
      ),
    ]);
    expect(notReady.body.detail).toContain(
      'catalogue is not ready (cannot publish: the oldest of 1 unsent event(s)',
    );
    expect(
      notReady.body.checks?.services
        .filter((check) => check.service !== 'catalogue')
        .map((check) => check.status),
    ).toEqual(['ok', 'ok', 'ok', 'ok']);

    // Ops removes the event that can never be published: ready again.
    await catalogueDb.query(`DELETE FROM "outbox" WHERE "event_id" = $1::uuid`, [eventId]);
    await waitFor(async () => (await readyz()).status === 200, { what: '/readyz to answer 200 again' });
  });
});
