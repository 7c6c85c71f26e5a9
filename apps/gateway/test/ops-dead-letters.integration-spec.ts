import {
  DATA_SERVICES,
  DomainError,
  ErrorCode,
  deadLetterSubjectsOf,
  type DataServiceName,
  PermissionsSubjects,
  type DeadLetterView,
  type Decision,
} from '@gongkai/contracts';
import {
  adminHeaders,
  signJwt,
  StandIns,
  startGateway,
  type StartedGateway,
} from './support/gateway-harness';

const ID_1 = '0190b3a4-7c1e-7c3a-8f00-000000000001';
const ID_2 = '0190b3a4-7c1e-7c3a-8f00-000000000002';
const ID_3 = '0190b3a4-7c1e-7c3a-8f00-000000000003';
const ID_4 = '0190b3a4-7c1e-7c3a-8f00-000000000004';
const PERSON_ID = '0190b3a4-7c1e-7c3a-8f00-00000000abcd';
const allow: Decision = { allow: true, reason: 'disclosure_admin', bindingId: null, validUntil: null };

function deadLetter(id: string, failedAt: string, overrides: Partial<DeadLetterView> = {}): DeadLetterView {
  return {
    id,
    consumer: 'department-projection',
    stream: 'PERMISSIONS',
    subject: 'evt.permissions.department.created.v1',
    streamSeq: 7,
    eventId: '0190b3a4-7c1e-7c3a-8f00-0000000000e1',
    eventType: 'permissions.department.created',
    rawMessage: '{"id":"0190b3a4-7c1e-7c3a-8f00-0000000000e1"}',
    error: 'payload.code: Required',
    deliveries: 5,
    failedAt,
    status: 'parked',
    replayedAt: null,
    replayCount: 0,
    ...overrides,
  };
}

interface ProblemBody {
  status: number;
  code: string;
  detail: string;
  instance: string;
  correlationId: string;
  errors?: { in: string; pointer: string; code: string; message: string }[];
  [key: string]: unknown;
}

async function expectProblem(response: Response, status: number, code: string): Promise<ProblemBody> {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const problem = (await response.json()) as ProblemBody;
  expect({ status: response.status, code: problem.code }).toEqual({ status, code });
  expect(problem.correlationId).toBe(response.headers.get('x-correlation-id'));
  return problem;
}

const listSubject = (service: DataServiceName) => deadLetterSubjectsOf(service).list;
const replaySubject = (service: DataServiceName) => deadLetterSubjectsOf(service).replay;

describe('ops dead letters through the gateway', () => {
  let gateway: StartedGateway;
  let standIns: StandIns;
  const listUrl = (query = '') => `${gateway.url}/api/v1/ops/dead-letters${query}`;
  const replayUrl = (service: string, id: string) =>
    `${gateway.url}/api/v1/ops/dead-letters/${service}/${id}/replay`;
  const replay = (service: string, id: string, headers: Record<string, string> = adminHeaders) =>
    fetch(replayUrl(service, id), { method: 'POST', headers });
  const bodiesSentTo = (subject: string) =>
    standIns.callsTo(subject).map((call) => (call.payload as { body: unknown }).body);
  const allCalls = () =>
    DATA_SERVICES.flatMap((service) => [listSubject(service), replaySubject(service)]).flatMap((subject) =>
      standIns.callsTo(subject),
    );

  beforeAll(async () => {
    gateway = await startGateway({ REQUEST_TIMEOUT_MS: '400' });
    standIns = await StandIns.connect(gateway.prefix);
  });

  afterAll(async () => {
    await standIns?.close();
    await gateway?.close();
  });

  afterEach(async () => {
    await standIns.stopAnswering();
    jest.restoreAllMocks();
  });

  describe('GET /ops/dead-letters?service=', () => {
    it('asks that service with the query exactly and adds `service` to each item', async () => {
      const letters = [
        deadLetter(ID_1, '2024-10-01T08:00:00.000Z'),
        deadLetter(ID_2, '2024-10-02T08:00:00.000Z'),
      ];
      await standIns.answer(listSubject('rounds'), () => ({ items: letters, nextCursor: ID_2 }));

      const response = await fetch(listUrl(`?service=rounds&status=parked&limit=2&cursor=${ID_1}`), {
        headers: adminHeaders,
      });

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        items: letters.map((letter) => ({ ...letter, service: 'rounds' })),
        nextCursor: ID_2,
      });
      const [call] = standIns.callsTo(listSubject('rounds'));
      expect(call?.payload).toEqual({
        meta: {
          actor: { kind: 'client', id: 'bootstrap-admin' },
          correlationId: response.headers.get('x-correlation-id'),
        },
        body: { status: 'parked', limit: 2, cursor: ID_1 },
      });
    });

    it('applies the default page size and sends no status when none is asked for', async () => {
      await standIns.answer(listSubject('catalogue'), () => ({ items: [], nextCursor: null }));
      const response = await fetch(listUrl('?service=catalogue'), { headers: adminHeaders });
      expect(await response.json()).toEqual({ items: [], nextCursor: null });
      expect(bodiesSentTo(listSubject('catalogue'))).toEqual([{ limit: 50 }]);
    });

    it('maps the service not answering to 503', async () => {
      const problem = await expectProblem(
        await fetch(listUrl('?service=reports'), { headers: adminHeaders }),
        503,
        'UNAVAILABLE',
      );
      expect(problem.detail).toContain('reports');
    });
  });

  describe('GET /ops/dead-letters without service', () => {
    it('asks every data service, merges newest first, and reports the one that did not answer', async () => {
      await standIns.answer(listSubject('catalogue'), () => ({
        items: [deadLetter(ID_1, '2024-10-01T08:00:00.000Z'), deadLetter(ID_3, '2024-10-03T08:00:00.000Z')],
        nextCursor: ID_3,
      }));
      await standIns.answer(listSubject('permissions'), () => ({
        items: [
          deadLetter(ID_2, '2024-10-02T08:00:00.000Z', {
            status: 'replayed',
            replayedAt: '2024-10-05T00:00:00.000Z',
          }),
        ],
        nextCursor: null,
      }));
      await standIns.answer(listSubject('complaints'), () => ({ items: [], nextCursor: null }));
      await standIns.answer(listSubject('reports'), () => {
        throw new DomainError(ErrorCode.INTERNAL, 'database is down');
      });
      // rounds (and any other data service) does not answer at all.

      const response = await fetch(listUrl('?limit=2'), { headers: adminHeaders });

      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        items: { id: string; service: string }[];
        nextCursor: unknown;
        services: unknown;
      };
      expect(body.items.map((item) => [item.service, item.id])).toEqual([
        ['catalogue', ID_3],
        ['permissions', ID_2],
      ]);
      expect(body.nextCursor).toBeNull();
      const answered: Partial<Record<DataServiceName, unknown>> = {
        catalogue: { parked: 2, replayed: 0, more: true },
        permissions: { parked: 0, replayed: 1, more: false },
        complaints: { parked: 0, replayed: 0, more: false },
        reports: { error: 'INTERNAL: The reports service failed to list its dead letters' },
      };
      expect(body.services).toEqual(
        Object.fromEntries(
          DATA_SERVICES.map((service) => [
            service,
            answered[service] ?? { error: expect.stringMatching(new RegExp(`^UNAVAILABLE: .*${service}`)) },
          ]),
        ),
      );
      for (const service of ['catalogue', 'permissions', 'complaints', 'reports'] as const) {
        expect(bodiesSentTo(listSubject(service))).toEqual([{ limit: 2 }]);
      }
    });

    it('passes the same status to every service and reports a timeout as TIMEOUT', async () => {
      for (const service of DATA_SERVICES.filter((name) => name !== 'complaints')) {
        await standIns.answer(listSubject(service), () => ({
          items: [deadLetter(ID_4, '2024-10-04T08:00:00.000Z')],
          nextCursor: null,
        }));
      }
      await standIns.answer(listSubject('complaints'), async () => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return { items: [], nextCursor: null };
      });

      const started = Date.now();
      const response = await fetch(listUrl('?status=parked'), { headers: adminHeaders });

      expect(Date.now() - started).toBeLessThan(900);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: unknown[]; services: Record<string, unknown> };
      expect(body.items).toHaveLength(4);
      expect(body.services['complaints']).toEqual({ error: expect.stringMatching(/^TIMEOUT: /) });
      for (const service of DATA_SERVICES) {
        expect(bodiesSentTo(listSubject(service))).toEqual([{ status: 'parked', limit: 50 }]);
      }
    });

    it('answers 200 with every service reported when none answers', async () => {
      const response = await fetch(listUrl(), { headers: adminHeaders });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        items: unknown[];
        services: Record<string, { error?: string }>;
      };
      expect(body.items).toEqual([]);
      expect(Object.keys(body.services).sort()).toEqual([...DATA_SERVICES].sort());
      expect(Object.values(body.services).every((report) => report.error?.startsWith('UNAVAILABLE: '))).toBe(
        true,
      );
    });

    it('rejects `cursor` without `service` with a 400 that says so, asking nobody', async () => {
      for (const service of DATA_SERVICES)
        await standIns.answer(listSubject(service), () => ({ items: [], nextCursor: null }));
      const problem = await expectProblem(
        await fetch(listUrl(`?cursor=${ID_1}`), { headers: adminHeaders }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.detail).toContain('`cursor` needs `service`');
      expect(problem.errors).toEqual([expect.objectContaining({ in: 'query', pointer: '/cursor' })]);
      expect(allCalls()).toHaveLength(0);
    });

    it('rejects an unknown service or bad parameters in the query with 400', async () => {
      const problem = await expectProblem(
        await fetch(listUrl('?service=gateway&status=lost&limit=0'), { headers: adminHeaders }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors?.map((error) => error.pointer).sort()).toEqual(['/limit', '/service', '/status']);
    });
  });

  describe('POST /ops/dead-letters/{service}/{id}/replay', () => {
    it('replays through that service: 200 with the replayed dead letter and its service', async () => {
      const replayed = deadLetter(ID_1, '2024-10-01T08:00:00.000Z', {
        status: 'replayed',
        replayedAt: '2024-10-06T09:00:00.000Z',
        replayCount: 1,
      });
      await standIns.answer(replaySubject('complaints'), () => replayed);

      const response = await replay('complaints', ID_1);

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ...replayed, service: 'complaints' });
      expect(bodiesSentTo(replaySubject('complaints'))).toEqual([{ id: ID_1 }]);
    });

    it.each([
      [ErrorCode.NOT_FOUND, 404, `No dead letter ${ID_1}; list them with GET /ops/dead-letters`],
      [ErrorCode.CONFLICT, 409, `Dead letter ${ID_1} was already replayed at 2024-10-06T09:00:00.000Z`],
      [
        ErrorCode.PRECONDITION_FAILED,
        409,
        `Replaying dead letter ${ID_1} failed again; fix the cause, then replay it again: payload.code: Required`,
      ],
    ])('maps %s to %i problem+json with the service message', async (code, status, message) => {
      await standIns.answer(replaySubject('catalogue'), () => {
        throw new DomainError(code, message);
      });
      const problem = await expectProblem(await replay('catalogue', ID_1), status, code);
      expect(problem.detail).toContain(message);
      expect(problem.instance).toBe(`/api/v1/ops/dead-letters/catalogue/${ID_1}/replay`);
    });

    it('an unknown service → 404 listing the valid ones, asking nobody', async () => {
      for (const service of DATA_SERVICES)
        await standIns.answer(replaySubject(service), () => deadLetter(ID_1, '2024-10-01T08:00:00.000Z'));
      const problem = await expectProblem(await replay('gateway', ID_1), 404, 'NOT_FOUND');
      expect(problem.detail).toContain(DATA_SERVICES.join(', '));
      expect(problem['services']).toEqual([...DATA_SERVICES]);
      expect(allCalls()).toHaveLength(0);
    });

    it('an id that is not a UUID → 400, asking nobody', async () => {
      for (const service of DATA_SERVICES)
        await standIns.answer(replaySubject(service), () => deadLetter(ID_1, '2024-10-01T08:00:00.000Z'));
      const problem = await expectProblem(await replay('rounds', 'not-a-uuid'), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([
        { in: 'path', pointer: '/id', code: 'invalid_format', message: 'Expected a UUID' },
      ]);
      expect(allCalls()).toHaveLength(0);
    });
  });

  describe('authorization', () => {
    it('401 without credentials on both routes', async () => {
      await expectProblem(await fetch(listUrl('?service=rounds')), 401, 'UNAUTHENTICATED');
      await expectProblem(await replay('rounds', ID_1, {}), 401, 'UNAUTHENTICATED');
    });

    it('asks permissions whether a person may ops.dead-letters.read / ops.dead-letters.replay, school-wide', async () => {
      const person = '0190b3a4-7c1e-7c3a-8f00-00000000ab01';
      await standIns.answer(PermissionsSubjects.checkPermission, () => allow);
      await standIns.answer(listSubject('rounds'), () => ({ items: [], nextCursor: null }));
      await standIns.answer(replaySubject('rounds'), () => deadLetter(ID_1, '2024-10-01T08:00:00.000Z'));
      const headers = { authorization: `Bearer ${signJwt({ sub: person })}` };
      expect((await fetch(listUrl('?service=rounds'), { headers })).status).toBe(200);
      expect((await replay('rounds', ID_1, headers)).status).toBe(200);
      expect(bodiesSentTo(PermissionsSubjects.checkPermission)).toEqual([
        { subject: { type: 'person', id: person }, action: 'ops.dead-letters.read', departmentId: null },
        { subject: { type: 'person', id: person }, action: 'ops.dead-letters.replay', departmentId: null },
      ]);
    });

    it('403 when permissions does not allow a person, before any call to the service', async () => {
      await standIns.answer(PermissionsSubjects.checkPermission, () => ({
        allow: false,
        reason: 'No binding grants ops.dead-letters.replay',
        bindingId: null,
        validUntil: null,
      }));
      await standIns.answer(replaySubject('rounds'), () => deadLetter(ID_1, '2024-10-01T08:00:00.000Z'));
      const token = signJwt({ sub: PERSON_ID });
      const problem = await expectProblem(
        await replay('rounds', ID_1, { authorization: `Bearer ${token}` }),
        403,
        'FORBIDDEN',
      );
      expect(problem.detail).toContain('ops.dead-letters.replay');
      expect(allCalls()).toHaveLength(0);
    });
  });

  it('documents both routes in the OpenAPI document', async () => {
    const document = (await (await fetch(`${gateway.url}/api/docs-json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; in: string }[];
            responses: Record<string, unknown>;
            description?: string;
          }
        >
      >;
    };
    const list = document.paths['/api/v1/ops/dead-letters']?.['get'];
    expect(list?.parameters?.map((parameter) => `${parameter.in}:${parameter.name}`).sort()).toEqual([
      'query:cursor',
      'query:limit',
      'query:service',
      'query:status',
    ]);
    expect(list?.description).toContain('200');
    expect(JSON.stringify(list?.responses['200'])).toContain('"services"');
    const replayOperation = document.paths['/api/v1/ops/dead-letters/{service}/{id}/replay']?.['post'];
    expect(
      replayOperation?.parameters?.map((parameter) => `${parameter.in}:${parameter.name}`).sort(),
    ).toEqual(['header:Idempotency-Key', 'path:id', 'path:service']);
    expect(Object.keys(replayOperation?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '404', '409']),
    );
  });
});
