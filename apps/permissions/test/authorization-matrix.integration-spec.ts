import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIONS, PermissionsRpc, ROLES, ROLE_DEFINITIONS, type Action, type Role } from '@gongkai/contracts';
import { startPermissions, unique, type PermissionsHarness } from './support/permissions-harness';

/**
 * The table in docs/roles-and-actions.md (which a contracts test keeps equal to ROLE_DEFINITIONS)
 * is the oracle: for every role × action, a holder bound the way the role is bound must get
 * exactly that answer from the running service in its own department, another department and
 * on a school-wide target.
 */
type Reach = 'all' | 'own' | '—';

function readMatrix(): Map<string, Reach> {
  const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'roles-and-actions.md'), 'utf8');
  const lines = doc.split('\n').filter((line) => line.startsWith('|'));
  const header = lines.find((line) => line.includes('| action'));
  if (!header) throw new Error('docs/roles-and-actions.md has no action table');
  const cells = (line: string) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim().replace(/`/g, ''));
  const roles = cells(header).slice(1);
  const matrix = new Map<string, Reach>();
  for (const line of lines) {
    const [action, ...reaches] = cells(line);
    if (!action || !(ACTIONS as readonly string[]).includes(action)) continue;
    reaches.forEach((reach, index) => matrix.set(`${roles[index]}|${action}`, reach as Reach));
  }
  return matrix;
}

describe('permissions service: authorization matrix (docs/roles-and-actions.md)', () => {
  let harness: PermissionsHarness;
  const holders = new Map<Role, string>();
  let own = '';
  let other = '';
  let child = '';
  const matrix = readMatrix();

  beforeAll(async () => {
    harness = await startPermissions();
    own = (await harness.department(unique('OWN'))).id;
    other = (await harness.department(unique('OTHER'))).id;
    child = (await harness.department(unique('CHILD'), { type: 'centre', parentId: own })).id;
    for (const role of ROLES) {
      const person = await harness.person(own, { name: role });
      await harness.grant(person.id, role, ROLE_DEFINITIONS[role].departmentScoped ? own : null);
      holders.set(role, person.id);
    }
  });
  afterAll(() => harness?.stop());

  const decide = (role: Role, action: Action, departmentId: string | null) =>
    harness.call(PermissionsRpc.checkPermission, {
      subject: { type: 'person', id: holders.get(role) ?? 'nobody holds it' },
      action,
      departmentId,
    });

  it('reads a cell for every role × action from the document', () => {
    expect(matrix.size).toBe(ROLES.length * ACTIONS.length);
  });

  it.each(ROLES)(
    '%s: every action in the same department, another department and school-wide',
    async (role) => {
      const answers: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const action of ACTIONS) {
        const reach = matrix.get(`${role}|${action}`);
        const [same, elsewhere, schoolWide] = await Promise.all([
          decide(role, action, own),
          decide(role, action, other),
          decide(role, action, null),
        ]);
        answers[action] = [same.allow, elsewhere.allow, schoolWide.allow].map(String).join('/');
        expected[action] = [reach !== '—', reach === 'all', reach === 'all'].map(String).join('/');
      }
      expect(answers).toEqual(expected);
    },
  );

  it('a department binding does not reach the department’s child departments', async () => {
    const liaison = holders.get('dept_liaison') as string;
    const ask = (departmentId: string) =>
      harness.call(PermissionsRpc.checkPermission, {
        subject: { type: 'person', id: liaison },
        action: 'rounds.task.submit',
        departmentId,
      });
    expect((await ask(own)).allow).toBe(true);
    expect((await ask(child)).allow).toBe(false);
  });

  it('names the binding that allowed and why another department is denied', async () => {
    const allowed = await decide('dept_liaison', 'rounds.task.submit', own);
    expect(allowed).toMatchObject({ allow: true, bindingId: expect.any(String), validUntil: null });
    const denied = await decide('dept_liaison', 'rounds.task.submit', other);
    expect(denied).toMatchObject({ allow: false, bindingId: null });
    expect(denied.reason).toContain(`only in department ${own}`);
    const unknown = await harness.call(PermissionsRpc.checkPermission, {
      subject: { type: 'person', id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' },
      action: 'reports.read',
      departmentId: null,
    });
    expect(unknown).toMatchObject({ allow: false, reason: expect.stringMatching(/No such subject/) });
  });
});
