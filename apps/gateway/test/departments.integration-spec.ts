import { request as httpRequest } from 'node:http';
import { fetchLargeBodySafely } from '@gongkai/testing';
import {
  DomainError,
  ErrorCode,
  PermissionsErrorReasons,
  PermissionsSubjects,
  type Department,
} from '@gongkai/contracts';
import { CORRELATION_ID_HEADER } from '@gongkai/messaging';
import { ProblemSchema } from '../src/app/errors/problem';
import {
  adminHeaders,
  eventually,
  StandIns,
  startGateway,
  type StartedGateway,
} from './support/gateway-harness';

const department: Department = {
  id: '0190b3a4-7c1e-7c3a-8f00-000000000001',
  code: 'CS',
  name: 'School of Computing',
  type: 'college',
  parentId: null,
  status: 'active',
  createdAt: '2024-09-01T00:00:00.000Z',
  updatedAt: '2024-09-01T00:00:00.000Z',
};

const validBody = { code: 'CS', name: 'School of Computing', type: 'college' };

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  correlationId: string;
  errors?: { in: string; pointer: string; code: string; message: string }[];
  [key: string]: unknown;
}

async function expectProblem(response: Response, status: number, code: string): Promise<ProblemBody> {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const problem = (await response.json()) as ProblemBody;
  expect({ status: response.status, code: problem.code }).toEqual({ status, code });
  expect(problem).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^urn:gongkai:problem:/),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      instance: expect.stringMatching(/^\//),
      correlationId: response.headers.get('x-correlation-id'),
    }),
  );
  expect(problem.detail.length).toBeGreaterThan(20);
  return problem;
}

describe('departments through the gateway', () => {
  let gateway: StartedGateway;
  let standIns: StandIns;
  const createUrl = () => `${gateway.url}/api/v1/departments`;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetchLargeBodySafely(createUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...adminHeaders, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    gateway = await startGateway({ REQUEST_TIMEOUT_MS: '400' });
    standIns = await StandIns.connect(gateway.prefix);
  });

  afterAll(async () => {
    await standIns?.close();
    await gateway?.close();
  });

  afterEach(() => standIns.stopAnswering());

  describe('with the permissions service answering', () => {
    beforeEach(async () => {
      await standIns.answer(PermissionsSubjects.createDepartment, () => department);
      await standIns.answer(PermissionsSubjects.listDepartments, () => ({
        items: [department],
        nextCursor: 'next-1',
      }));
    });

    it('creates a department: 201 with what the service returned, the command and meta sent over NATS', async () => {
      const response = await post({ ...validBody, name: '  School of Computing  ' });
      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toEqual(department);
      const [call] = standIns.callsTo(PermissionsSubjects.createDepartment);
      expect(call?.payload).toEqual({
        meta: {
          actor: { kind: 'client', id: 'bootstrap-admin' },
          correlationId: response.headers.get('x-correlation-id'),
        },
        body: validBody,
      });
    });

    it('echoes a sane X-Correlation-Id and forwards it in the NATS header and the logs', async () => {
      const response = await post(validBody, { 'x-correlation-id': 'portal-req.42_a-b' });
      expect(response.status).toBe(201);
      expect(response.headers.get('x-correlation-id')).toBe('portal-req.42_a-b');
      const [call] = standIns.callsTo(PermissionsSubjects.createDepartment);
      expect(call?.headers?.get(CORRELATION_ID_HEADER)).toBe('portal-req.42_a-b');
      expect(call?.payload).toMatchObject({ meta: { correlationId: 'portal-req.42_a-b' } });
      await eventually(() => {
        const requestLog = gateway.logs.find(
          (line) => line['correlationId'] === 'portal-req.42_a-b' && line['msg'] === 'request completed',
        );
        expect(requestLog).toMatchObject({ service: 'gateway', res: { statusCode: 201 } });
      });
      expect(JSON.stringify(gateway.logs)).not.toContain(adminHeaders['x-api-key']);
    });

    it('replaces an unsafe or missing correlation id with a fresh UUIDv7', async () => {
      for (const offered of ['has spaces', 'x'.repeat(129), undefined]) {
        const response = await post(validBody, offered === undefined ? {} : { 'x-correlation-id': offered });
        expect(response.headers.get('x-correlation-id')).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
      }
    });

    it('lists departments a page at a time, passing limit and cursor', async () => {
      // Cursors are the last id seen (UUIDv7); filters pass through.
      const cursor = '0190b3a4-7c1e-7c3a-8f00-0000000000c0';
      const response = await fetch(`${createUrl()}?limit=10&cursor=${cursor}&status=active`, {
        headers: adminHeaders,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ items: [department], nextCursor: 'next-1' });
      expect(standIns.callsTo(PermissionsSubjects.listDepartments)[0]?.payload).toMatchObject({
        body: { limit: 10, cursor, status: 'active' },
      });
    });

    it('applies the default page size', async () => {
      await fetch(createUrl(), { headers: adminHeaders });
      expect(standIns.callsTo(PermissionsSubjects.listDepartments)[0]?.payload).toMatchObject({
        body: { limit: 50 },
      });
    });
  });

  describe('rejects bad requests at the edge, without asking NATS', () => {
    beforeEach(async () => {
      await standIns.answer(PermissionsSubjects.createDepartment, () => department);
      await standIns.answer(PermissionsSubjects.listDepartments, () => ({ items: [], nextCursor: null }));
    });

    afterEach(() => {
      expect(standIns.callsTo(PermissionsSubjects.createDepartment)).toHaveLength(0);
      expect(standIns.callsTo(PermissionsSubjects.listDepartments)).toHaveLength(0);
    });

    it('missing fields → 400 naming each', async () => {
      const problem = await expectProblem(await post({ code: 'CS' }), 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((error) => error.pointer).sort()).toEqual(['/name', '/type']);
      expect(problem.errors?.every((error) => error.in === 'body')).toBe(true);
    });

    it('wrong types → 400', async () => {
      const problem = await expectProblem(
        await post({ code: 7, name: 'x', type: 'college', parentId: 'not-a-uuid' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ pointer: '/code', code: 'invalid_type' }),
          expect.objectContaining({ pointer: '/parentId', code: 'invalid_format' }),
        ]),
      );
    });

    it('an unknown field → 400 telling to remove it', async () => {
      const problem = await expectProblem(
        await post({ ...validBody, colour: 'red' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors).toEqual([
        {
          in: 'body',
          pointer: '/colour',
          code: 'unrecognized_keys',
          message: 'Unknown field "colour": remove it.',
        },
      ]);
    });

    it('a JSON value that is not an object → 400', async () => {
      await expectProblem(await post('[1,2]'), 400, 'VALIDATION_FAILED');
    });

    it('a body over BODY_LIMIT_BYTES (1 MB) → 413', async () => {
      const problem = await expectProblem(
        await post({ ...validBody, name: 'x'.repeat(1_100_000) }),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      expect(problem.detail).toContain('1048576');
    });

    it('malformed JSON → 400', async () => {
      const problem = await expectProblem(await post('{"code": "CS",'), 400, 'MALFORMED_JSON');
      expect(problem.detail).toContain('JSON');
    });

    it('an empty body with a JSON content type → 400', async () => {
      await expectProblem(await post(''), 400, 'MALFORMED_JSON');
    });

    it('a body that is not JSON → 415', async () => {
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const response = await fetch(createUrl(), {
          method: 'POST',
          headers: { 'content-type': contentType, ...adminHeaders },
          body: 'code=CS&name=x&type=college',
        });
        await expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
      }
    });

    it('a body without any content type → 415', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const request = httpRequest(
          createUrl(),
          { method: 'POST', headers: { ...adminHeaders, 'content-length': '2' } },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on('error', reject);
        request.end('{}');
      });
      expect(status).toBe(415);
    });

    it('bad list parameters → 400 with errors located in the query', async () => {
      const problem = await expectProblem(
        await fetch(`${createUrl()}?limit=0&sort=name`, { headers: adminHeaders }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ in: 'query', pointer: '/limit' }),
          expect.objectContaining({ in: 'query', pointer: '/sort', code: 'unrecognized_keys' }),
        ]),
      );
    });
  });

  describe('maps what the service replies', () => {
    it.each([
      [ErrorCode.CONFLICT, 409],
      [ErrorCode.NOT_FOUND, 404],
      [ErrorCode.FORBIDDEN, 403],
      [ErrorCode.PRECONDITION_FAILED, 409],
    ])('%s → %i problem+json with the message and details', async (code, status) => {
      await standIns.answer(PermissionsSubjects.createDepartment, () => {
        throw new DomainError(code, 'Department code CS is already used', { code: 'CS' });
      });
      const problem = await expectProblem(await post(validBody), status, code);
      expect(problem.detail).toContain('Department code CS is already used');
      expect(problem['details']).toEqual({ code: 'CS' });
      expect(problem).not.toHaveProperty('reason');
    });

    it("a service's reason → the 409 problem carries it beside the category, as the API document lists it", async () => {
      await standIns.answer(PermissionsSubjects.createDepartment, () => {
        throw DomainError.because(
          PermissionsErrorReasons.DEPARTMENT_CODE_TAKEN,
          'A department with code CS already exists; choose another code',
          { code: 'CS' },
        );
      });
      const problem = await expectProblem(await post(validBody), 409, 'CONFLICT');
      expect(problem).toMatchObject({ reason: 'DEPARTMENT_CODE_TAKEN', details: { code: 'CS' } });
      expect(problem.detail).toContain('choose another code');
      expect(ProblemSchema.safeParse(problem).success).toBe(true);
    });

    it('VALIDATION_FAILED from the service → 400 with its issues as errors', async () => {
      await standIns.answer(PermissionsSubjects.createDepartment, () => {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The request is not valid', [
          { code: 'custom', path: ['body', 'parentId'], message: 'A college must belong to the school' },
        ]);
      });
      const problem = await expectProblem(await post(validBody), 400, 'VALIDATION_FAILED');
      expect(problem.errors).toEqual([
        { in: 'body', pointer: '/parentId', code: 'custom', message: 'A college must belong to the school' },
      ]);
    });

    it('an unexpected failure in the service → 500 without its internals', async () => {
      await standIns.answer(PermissionsSubjects.createDepartment, () => {
        throw new Error('relation "department" does not exist');
      });
      const problem = await expectProblem(await post(validBody), 500, 'INTERNAL');
      expect(JSON.stringify(problem)).not.toContain('does not exist');
    });

    it('permissions not running → 503', async () => {
      const problem = await expectProblem(await post(validBody), 503, 'UNAVAILABLE');
      expect(problem.detail).toContain('permissions');
      await expectProblem(await fetch(createUrl(), { headers: adminHeaders }), 503, 'UNAVAILABLE');
    });

    it('a responder slower than REQUEST_TIMEOUT_MS → 504', async () => {
      await standIns.answer(PermissionsSubjects.createDepartment, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return department;
      });
      const started = Date.now();
      const problem = await expectProblem(await post(validBody), 504, 'TIMEOUT');
      expect(Date.now() - started).toBeLessThan(900);
      expect(problem.detail).toContain('may still have been applied');
    });
  });

  it('unknown routes → 404 problem+json pointing at the docs', async () => {
    const problem = await expectProblem(await fetch(`${gateway.url}/api/v1/nowhere`), 404, 'NOT_FOUND');
    expect(problem.instance).toBe('/api/v1/nowhere');
    expect(problem.detail).toContain('/api/docs');
  });
});
