import { adminPersona } from './suite/campus';
import { objectSchemaOf, type Operation } from './suite/openapi';
import { buildRequest } from './suite/requests';
import { changedSince, quietSnapshot } from './suite/snapshot';
import type { SuiteContext } from './suite/suite-state';

/**
 * Mass assignment (OWASP API3:2023): every operation with a JSON body gets a valid body plus one
 * field it does not take: a made-up one, or one the resource has but the caller must not set (each
 * top-level field of the operation's documented answer that its body does not name: ids, states,
 * actors, hashes …). Each → 400 naming the field, and nothing changes. Every query string gets an
 * unknown parameter → 400. Sent as the bootstrap admin, who may do everything else.
 */

const GENERIC_PRIVILEGED = [
  'id',
  'status',
  'state',
  'createdAt',
  'updatedAt',
  'version',
  'actor',
  'isAdmin',
  'roles',
];

function privilegedFields(operation: Operation): string[] {
  const body = objectSchemaOf(operation.body?.schema);
  const taken = new Set(Object.keys(body?.properties ?? {}));
  const answered = new Set<string>();
  for (const schema of operation.replies.values())
    for (const name of Object.keys(objectSchemaOf(schema)?.properties ?? {})) answered.add(name);
  return [...new Set([...answered, ...GENERIC_PRIVILEGED])].filter((name) => !taken.has(name));
}

export function massAssignmentCases(context: () => SuiteContext): void {
  describe('mass assignment: privileged and unknown fields (OWASP API3)', () => {
    let suite: SuiteContext;
    let findingsBefore = 0;
    const newFindings = () => suite.http.findings.slice(findingsBefore);
    const failures: string[] = [];
    const counts = { body: 0, query: 0 };

    beforeAll(() => {
      suite = context();
      findingsBefore = suite.http.findings.length;
    });

    afterAll(() => {
      if (!suite) return;
      suite.count('mass-assignment cases (body field)', counts.body);
      suite.count('mass-assignment cases (query parameter)', counts.query);
    });

    it('refuses every privileged or unknown body field with 400, and nothing changes', async () => {
      const { campus, http } = suite;
      const admin = adminPersona(campus);
      const quiet = await quietSnapshot(campus.runId);
      for (const operation of suite.operations.filter((candidate) => candidate.body)) {
        const request = buildRequest(operation, campus, campus.departments.A);
        const base = (request.body ?? {}) as Record<string, unknown>;
        if (typeof base !== 'object' || Array.isArray(base)) continue;
        for (const field of privilegedFields(operation)) {
          counts.body += 1;
          const value = field === 'isAdmin' ? true : field.endsWith('At') ? new Date().toISOString() : 'x';
          const answer = await http.send<{ errors?: { pointer?: string }[] }>({
            method: request.method,
            path: request.path,
            body: { ...base, [field]: value },
            as: admin,
            operation,
            ...(operation.path === '/api/v1/public/cases'
              ? { headers: { 'x-forwarded-for': `10.88.0.${counts.body % 250}` } }
              : {}),
          });
          const named = (answer.body.errors ?? []).some((error) => error.pointer?.includes(field));
          if (answer.status !== 400 || !named)
            failures.push(`${operation.id} with \`${field}\`: ${answer.status} ${answer.text.slice(0, 160)}`);
        }
      }
      const changed = await changedSince(campus.runId, quiet);
      for (const failure of failures) http.finding(failure);
      expect({ failures, changed }).toEqual({ failures: [], changed: [] });
    });

    it('refuses an unknown query parameter with 400', async () => {
      const { campus, http } = suite;
      const admin = adminPersona(campus);
      const queryFailures: string[] = [];
      for (const operation of suite.operations.filter((candidate) => candidate.queryParams.length > 0)) {
        counts.query += 1;
        const request = buildRequest(operation, campus, campus.departments.A, { query: { isAdmin: 'true' } });
        const answer = await http.send({
          method: request.method,
          path: request.path,
          body: request.body,
          as: admin,
          operation,
        });
        if (answer.status !== 400) queryFailures.push(`${operation.id}?isAdmin=true: ${answer.status}`);
      }
      for (const failure of queryFailures) http.finding(failure);
      expect(queryFailures).toEqual([]);
    });

    it('answers every read within its documented schema (no undocumented field)', async () => {
      const { campus, http } = suite;
      const admin = adminPersona(campus);
      for (const operation of suite.operations.filter((candidate) => candidate.method === 'GET')) {
        const request = buildRequest(operation, campus, campus.departments.A);
        await http.send({ ...request, as: admin, operation });
      }
      // SuiteHttp checks each success answer against the operation's schema; its findings say where.
      expect(newFindings().filter((finding) => !failures.includes(finding))).toEqual([]);
    });
  });
}
