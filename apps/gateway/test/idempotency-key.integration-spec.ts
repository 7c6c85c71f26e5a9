import {
  DomainError,
  ErrorCode,
  PermissionsSubjects,
  type Department,
  type RequestMeta,
} from '@gongkai/contracts';
import { adminHeaders, StandIns, startGateway, type StartedGateway } from './support/gateway-harness';

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
const body = { code: 'CS', name: 'School of Computing', type: 'college' };
const KEY = '8e03978e-40d5-43e8-bc93-6894a57f9324';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { in: string; pointer: string; code: string; message: string }[];
}

describe('Idempotency-Key at the gateway', () => {
  let gateway: StartedGateway;
  let standIns: StandIns;
  const url = (path = '/api/v1/departments') => `${gateway.url}${path}`;
  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...adminHeaders, ...headers },
      body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const sentMeta = (index = 0) =>
    (standIns.callsTo(PermissionsSubjects.createDepartment)[index]?.payload as { meta: RequestMeta }).meta;

  beforeAll(async () => {
    gateway = await startGateway({ REQUEST_TIMEOUT_MS: '1000' });
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
      await standIns.answer(PermissionsSubjects.listDepartments, () => ({ items: [], nextCursor: null }));
    });

    it('forwards the key, scoped to the caller and the route, with a hash of the request and the subject it is for', async () => {
      const response = await post(body, { 'idempotency-key': KEY });
      expect(response.status).toBe(201);
      expect(sentMeta().idempotency).toEqual({
        key: KEY,
        scope: 'client:bootstrap-admin POST /api/v1/departments',
        requestHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        operation: PermissionsSubjects.createDepartment,
      });
    });

    it('hashes the body as canonical JSON: same meaning, same hash; another body, another hash', async () => {
      await post(body, { 'idempotency-key': KEY });
      await post('{ "type": "college",  "name": "School of Computing", "code": "CS" }', {
        'idempotency-key': KEY,
      });
      await post({ ...body, name: 'School of Informatics' }, { 'idempotency-key': KEY });
      const [first, reordered, other] = [0, 1, 2].map((index) => sentMeta(index).idempotency?.requestHash);
      expect(reordered).toBe(first);
      expect(other).not.toBe(first);
    });

    it('accepts the key as a Structured Field string (quoted), as the draft writes it', async () => {
      const response = await post(body, { 'idempotency-key': `"${KEY}"` });
      expect(response.status).toBe(201);
      expect(sentMeta().idempotency?.key).toBe(KEY);
    });

    it('sends no idempotency meta without the header: requests behave as before', async () => {
      expect((await post(body)).status).toBe(201);
      expect(sentMeta()).not.toHaveProperty('idempotency');
    });

    it('ignores the header on reads, even a malformed one', async () => {
      const response = await fetch(url(), { headers: { ...adminHeaders, 'idempotency-key': 'bad key!' } });
      expect(response.status).toBe(200);
      const meta = (
        standIns.callsTo(PermissionsSubjects.listDepartments)[0]?.payload as { meta: RequestMeta }
      ).meta;
      expect(meta).not.toHaveProperty('idempotency');
    });

    it.each([
      ['too short', 'abc'],
      ['too long', 'k'.repeat(129)],
      ['with spaces or other characters', 'not a valid key!'],
      ['empty', ''],
    ])('refuses a key that is %s with 400 problem+json saying what to send', async (_label, key) => {
      const response = await post(body, { 'idempotency-key': key });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as Problem;
      expect(problem.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(problem.detail).toMatch(/Idempotency-Key header .*UUID/);
      expect(problem.errors).toEqual([
        expect.objectContaining({
          in: 'header',
          pointer: '/Idempotency-Key',
          code: 'invalid_idempotency_key',
        }),
      ]);
      expect(standIns.callsTo(PermissionsSubjects.createDepartment)).toHaveLength(0);
    });
  });

  it('answers 422 when the service says the key was used for another request', async () => {
    await standIns.answer(PermissionsSubjects.createDepartment, () => {
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_KEY_REUSED,
        'This Idempotency-Key was already used for a different request (another body or path)',
        { idempotencyKey: KEY },
      );
    });
    const response = await post(body, { 'idempotency-key': KEY });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as Problem;
    expect(problem).toMatchObject({ status: 422, code: ErrorCode.IDEMPOTENCY_KEY_REUSED });
    expect(problem.detail).toContain('Send a new `Idempotency-Key`');
  });

  it('answers 409 while the first request with the key has not answered', async () => {
    await standIns.answer(PermissionsSubjects.createDepartment, () => {
      throw new DomainError(
        ErrorCode.IDEMPOTENCY_KEY_IN_USE,
        'The first request with this Idempotency-Key is still being processed; retry in a few seconds with the same key to get its result',
        { idempotencyKey: KEY, state: 'in_progress' },
      );
    });
    const response = await post(body, { 'idempotency-key': KEY });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({
      code: ErrorCode.IDEMPOTENCY_KEY_IN_USE,
      details: { state: 'in_progress' },
    });
  });

  it('tells a client that timed out (504) to retry with the same key', async () => {
    await standIns.answer(PermissionsSubjects.createDepartment, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return department;
    });
    const response = await post(body, { 'idempotency-key': KEY });
    expect(response.status).toBe(504);
    expect(((await response.json()) as Problem).detail).toContain('retry it with the same `Idempotency-Key`');
  });
});
