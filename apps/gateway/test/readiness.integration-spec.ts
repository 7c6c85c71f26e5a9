import { DATA_SERVICES, healthSubjectOf, type DataServiceName } from '@gongkai/contracts';
import { createHealthCheck, type ReadinessReport } from '@gongkai/messaging';
import { newPrefix, StandIns, startGateway, type StartedGateway } from './support/gateway-harness';

interface ReadyzProblem {
  code: string;
  detail: string;
  checks: {
    services: {
      service: string;
      status: string;
      answered: boolean;
      reasons?: string[];
      warnings?: string[];
    }[];
  };
}

/**
 * The services answer their health subject through the real responder (createHealthCheck, as
 * ServiceKitModule wires it) with the readiness given here; the services' own readiness rules
 * are tested with real services in libs/messaging and apps/rounds.
 */
describe('gateway /readyz lists each service with its readiness and reasons', () => {
  let gateway: StartedGateway;
  let standIns: StandIns;

  const ready: ReadinessReport = { status: 'ready', ready: true, reasons: [], warnings: [] };

  async function answerReadiness(
    readiness: Partial<Record<string, ReadinessReport>>,
    answering: readonly DataServiceName[] = DATA_SERVICES,
  ): Promise<void> {
    for (const service of answering) {
      const check = createHealthCheck({ service, readinessCheck: async () => readiness[service] ?? ready });
      await standIns.answer(healthSubjectOf(service), () => check());
    }
  }

  beforeAll(async () => {
    gateway = await startGateway({ NATS_PREFIX: newPrefix() });
    standIns = await StandIns.connect(gateway.prefix);
  });

  afterAll(async () => {
    await standIns?.close();
    await gateway?.close();
  });

  afterEach(() => standIns.stopAnswering());

  it('answers 503 naming the service that is not ready and its reasons', async () => {
    await answerReadiness({
      rounds: {
        status: 'not_ready',
        ready: false,
        reasons: ['cannot consume: consumer rounds-department-projection is not consuming (its loop ended)'],
        warnings: [],
      },
    });
    const response = await fetch(`${gateway.url}/readyz`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as ReadyzProblem;
    expect(problem.code).toBe('UNAVAILABLE');
    expect(problem.detail).toContain(
      'rounds is not ready (cannot consume: consumer rounds-department-projection is not consuming',
    );
    const rounds = problem.checks.services.find((check) => check.service === 'rounds');
    expect(rounds).toMatchObject({
      status: 'unavailable',
      answered: true,
      reasons: ['cannot consume: consumer rounds-department-projection is not consuming (its loop ended)'],
    });
    expect(
      problem.checks.services
        .filter((check) => check.service !== 'rounds')
        .every((check) => check.status === 'ok'),
    ).toBe(true);
  });

  it('tells a service that does not answer from one that answers not ready', async () => {
    // permissions does not answer at all.
    await answerReadiness(
      {
        catalogue: {
          status: 'not_ready',
          ready: false,
          reasons: ['cannot publish: the oldest of 3 unsent event(s) has waited 75 s (limit 60 s)'],
          warnings: [],
        },
      },
      DATA_SERVICES.filter((service) => service !== 'permissions'),
    );
    const response = await fetch(`${gateway.url}/readyz`);
    expect(response.status).toBe(503);
    const problem = (await response.json()) as ReadyzProblem;
    expect(problem.detail).toContain('permissions did not answer within 1 s');
    expect(problem.detail).toContain(
      'catalogue is not ready (cannot publish: the oldest of 3 unsent event(s)',
    );
    expect(problem.checks.services.find((check) => check.service === 'permissions')).toMatchObject({
      status: 'unavailable',
      answered: false,
    });
  });

  it('answers 200 while a service is only degraded, listing its warnings', async () => {
    const warning =
      'Stream CATALOGUE drifted: storage is memory, configured file (JetStream cannot change it in place)';
    await answerReadiness({
      catalogue: { status: 'degraded', ready: true, reasons: [], warnings: [warning] },
    });
    const response = await fetch(`${gateway.url}/readyz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      ready: boolean;
      services: { service: string; status: string }[];
    };
    expect(body.ready).toBe(true);
    expect(body.services.find((check) => check.service === 'catalogue')).toEqual({
      service: 'catalogue',
      status: 'degraded',
      answered: true,
      warnings: [warning],
    });
  });
});
