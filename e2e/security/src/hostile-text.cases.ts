import { adminPersona } from './suite/campus';
import { fillPath, objectSchemaOf, type Operation } from './suite/openapi';
import { buildRequest, pathValues } from './suite/requests';
import { changedSince, quietSnapshot } from './suite/snapshot';
import type { SuiteContext } from './suite/suite-state';

/**
 * Hostile text (OWASP API8/API10:2023) in every text field of every body, every path parameter and
 * every query parameter the document names. Text that is only unusual (SQL-ish, NATS subject
 * characters) is data: it may be stored, but never answers 5xx. Text that is broken (control
 * characters, invalid UTF-8, a megabyte, nesting past the limit) → 4xx, and nothing is stored.
 */

/** Legitimate text that looks like an attack: 4xx or stored verbatim, never 5xx. */
const ODD_BUT_VALID = [
  "' OR '1'='1' --",
  "'; DROP TABLE cases; --",
  'catalogue.items.>',
  '*',
  '>',
  'a.b.c',
  '$(reboot)',
  '<script>alert(1)</script>',
];
/** Broken input: always 4xx, never stored. */
const BROKEN = ['教务\u0000处', '\u001b[2J清屏', '退格\u0008', '\u007f删除', 'x'.repeat(600_000)];
const NESTED = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/**
 * Is the text broken for this field? Every control character is; a long text only where the
 * document allows less (a CSV import's `csv` takes a whole file, so 600 kB is data there).
 */
const fitsNowhere = (operation: Operation, field: string, text: string) =>
  text.length < 1000 ||
  (objectSchemaOf(operation.body?.schema)?.properties?.[field]?.maxLength ?? 0) < text.length;

const textFieldsOf = (operation: Operation) =>
  Object.entries(objectSchemaOf(operation.body?.schema)?.properties ?? {})
    .filter(([, schema]) => schema.type === 'string' && !schema.enum && !schema.format)
    .map(([name]) => name);

export function hostileTextCases(context: () => SuiteContext): void {
  describe('hostile text (OWASP API8, API10)', () => {
    let suite: SuiteContext;
    let findingsBefore = 0;
    const newFindings = () => suite.http.findings.slice(findingsBefore);
    const counts = { body: 0, path: 0, query: 0 };

    beforeAll(() => {
      suite = context();
      findingsBefore = suite.http.findings.length;
    });

    afterAll(() => {
      if (!suite) return;
      suite.count('hostile-text cases (body)', counts.body);
      suite.count('hostile-text cases (path)', counts.path);
      suite.count('hostile-text cases (query)', counts.query);
    });

    it('refuses broken text in every body with 4xx, and nothing is stored', async () => {
      const failures: string[] = [];
      const { campus, http } = suite;
      const admin = adminPersona(campus);
      const quiet = await quietSnapshot(campus.runId);
      for (const operation of suite.operations.filter((candidate) => candidate.body)) {
        const request = buildRequest(operation, campus, campus.departments.A);
        const base = request.body as Record<string, unknown>;
        const headers = { 'x-forwarded-for': `10.66.${counts.body % 250}.${(counts.body >> 8) % 250}` };
        const sends: { what: string; rawBody: string | Buffer }[] = [];
        for (const field of textFieldsOf(operation))
          for (const text of BROKEN.filter((text) => fitsNowhere(operation, field, text)))
            sends.push({
              what: `${field}=${JSON.stringify(text.slice(0, 12))}…`,
              rawBody: JSON.stringify({ ...base, [field]: text }),
            });
        const [first] = textFieldsOf(operation);
        if (first) {
          // Invalid UTF-8: a lone continuation byte and a truncated sequence inside the text.
          const json = JSON.stringify({ ...base, [first]: 'INVALID' });
          const [head, tail] = json.split('INVALID') as [string, string];
          sends.push({
            what: `${first}=invalid UTF-8`,
            rawBody: Buffer.concat([Buffer.from(head), Buffer.from([0x80, 0xe6, 0x95]), Buffer.from(tail)]),
          });
          sends.push({
            what: `${first} nested 64 deep`,
            rawBody: JSON.stringify({ ...base, [first]: 'PLACEHOLDER' }).replace('"PLACEHOLDER"', NESTED(64)),
          });
        }
        sends.push({ what: 'a body nested 100 deep', rawBody: NESTED(100) });
        for (const { what, rawBody } of sends) {
          counts.body += 1;
          const answer = await http.send({
            method: request.method,
            path: request.path,
            rawBody,
            as: admin,
            headers,
            operation,
          });
          if (answer.status < 400 || answer.status >= 500)
            failures.push(`${operation.id} with ${what}: ${answer.status}`);
        }
      }
      expect({ failures, changed: await changedSince(campus.runId, quiet) }).toEqual({
        failures: [],
        changed: [],
      });
    });

    it('never answers 5xx to odd-looking text in a body (it is data)', async () => {
      const failures: string[] = [];
      const { campus, http } = suite;
      const admin = adminPersona(campus);
      for (const operation of suite.operations.filter((candidate) => candidate.body)) {
        const request = buildRequest(operation, campus, campus.departments.A);
        const base = request.body as Record<string, unknown>;
        for (const field of textFieldsOf(operation)) {
          for (const text of ODD_BUT_VALID) {
            counts.body += 1;
            const headers = { 'x-forwarded-for': `10.65.${counts.body % 250}.${(counts.body >> 8) % 250}` };
            const answer = await http.send({
              method: request.method,
              path: request.path,
              body: { ...base, [field]: text },
              as: admin,
              headers,
              operation,
            });
            if (answer.status >= 500)
              failures.push(`${operation.id} with ${field}=${JSON.stringify(text)}: ${answer.status}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it('answers 4xx to hostile path parameters and never 5xx to hostile query parameters', async () => {
      const failures: string[] = [];
      const { campus, http } = suite;
      const admin = adminPersona(campus);
      const hostile = [
        ...ODD_BUT_VALID,
        '教务\u0000处',
        '..%2F..%2Fetc%2Fpasswd',
        '%ff%fe',
        'x'.repeat(5000),
      ];
      for (const operation of suite.operations) {
        const request = buildRequest(operation, campus, campus.departments.A);
        const [path, search = ''] = request.path.split('?');
        for (const parameter of operation.pathParams) {
          for (const text of hostile) {
            counts.path += 1;
            const values = { ...pathValues(operation, campus, campus.departments.A), [parameter.name]: text };
            const hostilePath = fillPath(operation.path, values).replace(
              encodeURIComponent(text),
              text.includes('%') ? text : encodeURIComponent(text),
            );
            const answer = await http.send({
              method: request.method,
              path: `${hostilePath}${search ? `?${search}` : ''}`,
              body: request.body,
              as: admin,
            });
            if (answer.status < 400 || answer.status >= 500)
              failures.push(
                `${operation.id} with {${parameter.name}}=${JSON.stringify(text.slice(0, 30))}: ${answer.status}`,
              );
          }
        }
        for (const parameter of operation.queryParams.filter(
          (candidate) => candidate.schema.type === 'string' || !candidate.schema.type,
        )) {
          for (const text of hostile) {
            counts.query += 1;
            const query = new URLSearchParams(search);
            query.set(parameter.name, text);
            const answer = await http.send({
              method: request.method,
              path: `${path}?${query.toString()}`,
              body: request.body,
              as: admin,
            });
            if (answer.status >= 500)
              failures.push(
                `${operation.id}?${parameter.name}=${JSON.stringify(text.slice(0, 30))}: ${answer.status}`,
              );
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it('keeps every answer free of stack traces and internal subjects', () => {
      expect(newFindings()).toEqual([]);
    });
  });
}
