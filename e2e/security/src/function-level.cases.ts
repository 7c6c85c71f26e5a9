import { adminPersona, anonymous, clientPersona, personPersona } from './suite/campus';
import type { Persona } from './suite/http';
import type { Operation } from './suite/openapi';
import { buildRequest, targetsDepartment } from './suite/requests';
import { allows, type RolesTable } from './suite/roles-table';
import type { SuiteContext } from './suite/suite-state';

/**
 * Function level (OWASP API5:2023): every operation of the OpenAPI document × every role of the
 * roles table. The expected answer comes from docs/roles-and-actions.md and the operation's
 * documented access (`x-gongkai-access`), never from what the system answers: allowed → anything
 * but 401/403; not allowed → 403; no credentials on a protected route → 401. Department roles are
 * bound in department F, and every target (path ids, the field a route decides on, the object a
 * service decides on) is F's.
 */

type Subject =
  | { kind: 'anonymous' }
  | { kind: 'bootstrap' }
  | { kind: 'role'; role: string }
  | { kind: 'no-roles' };

interface Caller {
  persona: Persona;
  subject: Subject;
}

/**
 * What the roles document says beside its table ("Who sees what"), as (operation, role) pairs the
 * table alone would deny: a department's reviewer lists its own department's permission requests
 * and reads its tasks' diffs.
 */
const DOCUMENTED_WIDENINGS = new Set([
  'GET /api/v1/permission-requests dept_reviewer',
  'GET /api/v1/tasks/{id}/diff dept_reviewer',
]);

type Expected = 'allowed' | 'denied' | 'unauthenticated';

/**
 * Operations after which their target is no longer the department's (a handler returning a wrong
 * dispatch takes the case out of F): sent after every other operation of the same caller.
 */
const MOVES_THE_TARGET = new Set(['POST /api/v1/cases/{caseId}/return-dispatch']);
const movesLast = (a: Operation, b: Operation) =>
  Number(MOVES_THE_TARGET.has(a.id)) - Number(MOVES_THE_TARGET.has(b.id));

function expectedFor(operation: Operation, subject: Subject, table: RolesTable): Expected {
  const access = operation.access;
  if (!access) throw new Error(`${operation.id} does not document who may call it (x-gongkai-access)`);
  if (access.kind === 'public') return 'allowed';
  if (subject.kind === 'anonymous') return 'unauthenticated';
  if (subject.kind === 'bootstrap' || access.kind === 'authenticated') return 'allowed';
  if (access.kind === 'action' && access.answersEveryone) return 'allowed';
  if (subject.kind === 'no-roles') return 'denied';
  if (DOCUMENTED_WIDENINGS.has(`${operation.id} ${subject.role}`)) return 'allowed';
  const action = access.kind === 'action' ? access.action : 'catalogue.item.update';
  const inDepartment = access.department !== 'school-wide' && targetsDepartment(operation);
  return allows(table, subject.role, action, inDepartment) ? 'allowed' : 'denied';
}

export function functionLevelCases(context: () => SuiteContext): void {
  describe('function level: every operation × every role (OWASP API5)', () => {
    let suite: SuiteContext;
    let findingsBefore = 0;
    const newFindings = () => suite.http.findings.slice(findingsBefore);
    let table: RolesTable;
    const callers: Caller[] = [];
    const failures: string[] = [];
    let cases = 0;

    beforeAll(() => {
      suite = context();
      findingsBefore = suite.http.findings.length;
      table = suite.roles;
      const { campus } = suite;
      const F = campus.departments.F;
      callers.push({ persona: anonymous(), subject: { kind: 'anonymous' } });
      callers.push({ persona: personPersona('no roles', campus.nobodyId), subject: { kind: 'no-roles' } });
      callers.push({
        persona: clientPersona('client without roles', campus.clients.noRoles.key),
        subject: { kind: 'no-roles' },
      });
      for (const role of table.roles) {
        if (role === 'campus_client') {
          callers.push({
            persona: clientPersona('campus_client (API client)', campus.clients.campus.key),
            subject: { kind: 'role', role },
          });
          continue;
        }
        const personId = table.departmentScoped.has(role) ? F.holders[role] : campus.schoolWide[role];
        if (!personId) throw new Error(`nobody holds ${role}`);
        callers.push({ persona: personPersona(role, personId), subject: { kind: 'role', role } });
      }
      // The office's own cases last: they may revoke, rename and reorganise F's objects.
      callers.sort((a, b) => Number(isOffice(a)) - Number(isOffice(b)));
      callers.push({ persona: adminPersona(campus), subject: { kind: 'bootstrap' } });
    });

    const isOffice = (caller: Caller) =>
      caller.subject.kind === 'role' && caller.subject.role === 'disclosure_admin';

    afterAll(() => {
      if (!suite) return;
      suite.count('function-level cases (operation × caller)', cases);
    });

    it('documents who may call every operation', () => {
      const undocumented = suite.operations
        .filter((operation) => !operation.access)
        .map((operation) => operation.id);
      expect(undocumented).toEqual([]);
    });

    it('answers every operation × caller as the roles table says', async () => {
      const { campus, http } = suite;
      for (const caller of callers) {
        for (const operation of [...suite.operations].sort(movesLast)) {
          const expected = expectedFor(operation, caller.subject, table);
          const request = buildRequest(operation, campus, campus.departments.F);
          const answer = await http.send({ ...request, as: caller.persona, operation });
          cases += 1;
          const refused = answer.status === 401 || answer.status === 403;
          const ok =
            expected === 'allowed'
              ? !refused
              : expected === 'denied'
                ? answer.status === 403
                : answer.status === 401;
          if (!ok) {
            const problem = answer.body as { reason?: string; detail?: string };
            failures.push(
              `${operation.id} as ${caller.persona.name}: expected ${expected}, got ${answer.status} ` +
                `${problem?.reason ?? ''} ${(problem?.detail ?? answer.text).slice(0, 160)}`,
            );
          }
        }
      }
      for (const failure of failures) suite.http.finding(failure);
      expect(failures).toEqual([]);
    });

    it('keeps every answer free of stack traces, internal subjects and undocumented fields', () => {
      expect(newFindings().filter((finding) => !failures.includes(finding))).toEqual([]);
    });
  });
}
