import type { DepartmentObjects } from './suite/campus';
import { personPersona } from './suite/campus';
import type { Persona } from './suite/http';
import { fillPath, type Operation } from './suite/openapi';
import { buildRequest, objectHints, pathValues, type BuiltRequest } from './suite/requests';
import { changedSince, quietSnapshot } from './suite/snapshot';
import type { SuiteContext } from './suite/suite-state';

/**
 * Object level (OWASP API1:2023): for every operation that takes an id (a path parameter, or an
 * id field in its query or body), generated from the OpenAPI document, the department roles of A
 * send B's ids and B's send A's, in the path, in the query and in the body, one place at a time.
 * Each must be refused (403 or 404) unless the document says any signed-in caller may call it;
 * afterwards no service table has changed.
 */

/** Operations any signed-in caller may call by their documented access: the swap is no breach there. */
const openToEverySignedInCaller = (operation: Operation) =>
  operation.access?.kind === 'authenticated' ||
  (operation.access?.kind === 'action' && operation.access.answersEveryone === true);

type Place = 'path' | 'query' | 'body';

/** The request with the other department's ids in one place, the caller's own everywhere else. */
function swapped(
  operation: Operation,
  suite: SuiteContext,
  own: DepartmentObjects,
  other: DepartmentObjects,
  place: Place,
): BuiltRequest | undefined {
  const request = buildRequest(operation, suite.campus, own);
  if (place === 'path') {
    if (operation.pathParams.length === 0) return undefined;
    const ownPath = pathValues(operation, suite.campus, own);
    const otherPath = pathValues(operation, suite.campus, other);
    if (Object.keys(ownPath).every((name) => ownPath[name] === otherPath[name])) return undefined;
    const [, search] = request.path.split('?');
    return { ...request, path: `${fillPath(operation.path, otherPath)}${search ? `?${search}` : ''}` };
  }
  const fields = request.idFields.filter((field) => field.in === place);
  if (fields.length === 0) return undefined;
  const hints = objectHints(suite.campus, other);
  if (place === 'query') {
    const [path, search = ''] = request.path.split('?');
    const query = new URLSearchParams(search);
    for (const { name } of fields) query.set(name, String(hints[name]?.()));
    return { ...request, path: `${path}?${query.toString()}` };
  }
  const body = { ...(request.body as Record<string, unknown>) };
  for (const { name } of fields) body[name] = hints[name]?.();
  return { ...request, body };
}

export function objectLevelCases(context: () => SuiteContext): void {
  describe('object level: two departments swap ids in path, query and body (OWASP API1)', () => {
    let suite: SuiteContext;
    let findingsBefore = 0;
    const newFindings = () => suite.http.findings.slice(findingsBefore);
    const failures: string[] = [];
    const counts = { operations: 0, cases: 0 };

    beforeAll(() => {
      suite = context();
      findingsBefore = suite.http.findings.length;
    });

    afterAll(() => {
      if (!suite) return;
      suite.count('operations taking an id', counts.operations);
      suite.count('object-level cases (operation × place × caller)', counts.cases);
    });

    it('refuses every swapped id, and nothing changes', async () => {
      const { campus, http } = suite;
      const quiet = await quietSnapshot(campus.runId);
      const A = campus.departments.A;
      const B = campus.departments.B;
      const directions: [DepartmentObjects, DepartmentObjects][] = [
        [A, B],
        [B, A],
      ];
      const withIds = suite.operations.filter((operation) => {
        if (operation.access?.kind === 'public') return false;
        if (operation.pathParams.length > 0) return true;
        return buildRequest(operation, campus, A).idFields.length > 0;
      });
      counts.operations = withIds.length;
      for (const [own, other] of directions) {
        const callers: Persona[] = Object.entries(own.holders).map(([role, personId]) =>
          personPersona(`${role} of ${own.code}`, personId),
        );
        for (const operation of withIds) {
          if (openToEverySignedInCaller(operation)) continue;
          for (const place of ['path', 'query', 'body'] as const) {
            const request = swapped(operation, suite, own, other, place);
            if (!request) continue;
            for (const caller of callers) {
              counts.cases += 1;
              const answer = await http.send({ ...request, as: caller, operation });
              if (answer.status !== 403 && answer.status !== 404)
                failures.push(
                  `${operation.id} with ${other.code}'s id in the ${place}, as ${caller.name}: ${answer.status} ${answer.text.slice(0, 160)}`,
                );
            }
          }
        }
      }
      const changed = await changedSince(campus.runId, quiet);
      for (const failure of failures) http.finding(failure);
      expect({ failures, changed }).toEqual({ failures: [], changed: [] });
    });

    it('shows another department’s drafts and actors to nobody outside it where any signed-in caller reads', async () => {
      const { campus, http } = suite;
      const A = campus.departments.A;
      const B = campus.departments.B;
      const reader = personPersona('dept_liaison of JWC', A.holders['dept_liaison'] as string);
      // B's liaison drafts a version of B's item and submits B's round task: work not yet public.
      const liaisonB = personPersona('dept_liaison of XSC', B.holders['dept_liaison'] as string);
      const marker = `学生处未公开稿${Date.now().toString(36)}`;
      const content = {
        title: marker,
        summary: '',
        body: `${marker}正文`,
        documents: [],
        attachments: [],
        channels: ['disclosure_site'],
      };
      const draft = await http.send<{ id: string }>({
        method: 'POST',
        path: `/api/v1/catalogue/items/${B.itemId}/publications`,
        as: liaisonB,
        body: { title: marker, body: `${marker}正文`, channels: ['disclosure_site'] },
      });
      expect(draft.status).toBe(201);
      const submitted = await http.send({
        method: 'POST',
        path: `/api/v1/tasks/${B.taskId}/submit`,
        as: liaisonB,
        body: { content },
      });
      expect(submitted.status).toBe(200);
      const secrets = [draft.body.id, marker, B.holders['dept_liaison'] as string];
      const readsOfB = suite.operations.filter(
        (operation) =>
          operation.method === 'GET' &&
          openToEverySignedInCaller(operation) &&
          operation.pathParams.length > 0,
      );
      const leaks: string[] = [];
      for (const operation of readsOfB) {
        counts.cases += 1;
        const request = buildRequest(operation, campus, B);
        const answer = await http.send({ ...request, as: reader, operation });
        if (answer.status !== 200) continue;
        for (const secret of secrets)
          if (answer.text.includes(secret))
            leaks.push(
              `${operation.id}: ${B.code}'s unpublished work (${secret === marker ? 'its text' : secret}) shown to ${reader.name}`,
            );
      }
      for (const leak of leaks) http.finding(leak);
      expect(leaks).toEqual([]);
    });

    // A round task's submission, review and history (and its diff) are shown only to its department's
    // liaisons and reviewers and the office: apps/rounds/test/rounds-workflow.integration-spec.ts
    // ("shows a task's submission … only to …"); the reads above check that B's liaison is not named.

    it('keeps every answer free of stack traces, internal subjects and undocumented fields', () => {
      expect(
        newFindings().filter((finding) => !failures.includes(finding) && !finding.includes(' shown to ')),
      ).toEqual([]);
    });
  });
}
