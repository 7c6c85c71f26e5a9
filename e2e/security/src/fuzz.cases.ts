import fc from 'fast-check';
import { adminPersona } from './suite/campus';
import { fillPath } from './suite/openapi';
import { objectHints, pathValues } from './suite/requests';
import { arbitraryOf } from './suite/schema-values';
import type { SuiteContext } from './suite/suite-state';

/**
 * A property-based fuzz (fast-check) of the bodies of the main commands, generated from each
 * operation's body schema in the OpenAPI document: mostly bodies the schema accepts (Chinese text,
 * past business times, ids of department A's objects or random ones), some with a field of the
 * wrong type or a required one missing, some any JSON at all. Property: no answer is a 5xx.
 * The seed is printed; `SECURITY_FUZZ_SEED=<seed> npm run test:security` replays a run.
 */

const MAIN_COMMANDS = [
  'POST /api/v1/departments',
  'POST /api/v1/people',
  'POST /api/v1/role-bindings',
  'POST /api/v1/api-clients',
  'POST /api/v1/permission-requests',
  'POST /api/v1/catalogue/items',
  'POST /api/v1/catalogue/items/{itemId}/publications',
  'POST /api/v1/rounds',
  'POST /api/v1/tasks/{id}/submit',
  'POST /api/v1/cases',
  'POST /api/v1/cases/{caseId}/dispatch',
  'POST /api/v1/cases/{caseId}/notes',
  'POST /api/v1/public/cases',
];
const RUNS_PER_COMMAND = Number(process.env['SECURITY_FUZZ_RUNS'] ?? 30);

export function fuzzCases(context: () => SuiteContext): void {
  describe('property-based fuzz of the main commands (fast-check)', () => {
    let suite: SuiteContext;
    let findingsBefore = 0;
    const newFindings = () => suite.http.findings.slice(findingsBefore);
    const seed = Number(process.env['SECURITY_FUZZ_SEED'] ?? Date.now() % 2_147_483_647);
    let cases = 0;

    beforeAll(() => {
      suite = context();
      findingsBefore = suite.http.findings.length;
      process.stdout.write(`fuzz seed ${seed} (replay: SECURITY_FUZZ_SEED=${seed} npm run test:security)\n`);
    });

    afterAll(() => {
      if (!suite) return;
      suite.count('fuzzed commands', MAIN_COMMANDS.length);
      suite.count('fuzz cases (bodies sent)', cases);
    });

    it.each(MAIN_COMMANDS)('%s: no 5xx for any body', async (id) => {
      const { campus, http } = suite;
      const operation = suite.operations.find((candidate) => candidate.id === id);
      if (!operation?.body) throw new Error(`${id} is not in the OpenAPI document with a body`);
      const admin = adminPersona(campus);
      const A = campus.departments.A;
      const path = fillPath(operation.path, pathValues(operation, campus, A));
      const valid = arbitraryOf(operation.body.schema, objectHints(campus, A));
      const broken = valid.chain((body) =>
        body && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length > 0
          ? fc.constantFrom(...Object.keys(body)).chain((key) =>
              fc.oneof(
                fc.constant(Object.fromEntries(Object.entries(body).filter(([name]) => name !== key))),
                fc.jsonValue({ maxDepth: 2 }).map((junk) => ({ ...body, [key]: junk })),
              ),
            )
          : fc.constant(body),
      );
      const bodies = fc.oneof(
        { weight: 6, arbitrary: valid },
        { weight: 3, arbitrary: broken },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      );
      const fiveHundreds: string[] = [];
      await fc.assert(
        fc.asyncProperty(bodies, fc.nat(250), async (body, address) => {
          cases += 1;
          const answer = await http.send({
            method: operation.method,
            path,
            body,
            as: admin,
            operation,
            headers: { 'x-forwarded-for': `10.55.${cases % 250}.${address}` },
          });
          if (answer.status >= 500) fiveHundreds.push(`${answer.status} ${answer.text.slice(0, 200)}`);
          return answer.status < 500;
        }),
        { seed, numRuns: RUNS_PER_COMMAND, endOnFailure: true },
      );
      expect(fiveHundreds).toEqual([]);
    });

    it('keeps every answer free of stack traces, internal subjects and undocumented fields', () => {
      expect(newFindings()).toEqual([]);
    });
  });
}
