import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { listRoles, renderRolesAndActionsMarkdown, roleReach } from './role-catalogue';
import { ACTIONS, ROLES, ROLE_DEFINITIONS } from './roles';

const DOC = join(__dirname, '..', '..', '..', '..', 'docs', 'roles-and-actions.md');

describe('roles and actions document', () => {
  it('docs/roles-and-actions.md is exactly what ROLE_DEFINITIONS generate', () => {
    // Formatted as `prettier --check .` (CI) wants it; prettier runs in its own process (it is ESM inside).
    const generated = execFileSync(
      process.execPath,
      [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', DOC],
      { input: renderRolesAndActionsMarkdown(), encoding: 'utf8' },
    );
    // UPDATE_ROLES_DOC=1 rewrites the document after a deliberate change to the roles.
    if (process.env['UPDATE_ROLES_DOC'] === '1') writeFileSync(DOC, generated);
    expect(existsSync(DOC)).toBe(true);
    expect(readFileSync(DOC, 'utf8')).toBe(generated);
  });

  it('has one row per action and one column per role', () => {
    const rows = renderRolesAndActionsMarkdown()
      .split('\n')
      .filter((line) => /^\| `[a-z_-]+\.[a-z._-]+` \|/.test(line));
    expect(rows).toHaveLength(ACTIONS.length);
    for (const row of rows) expect(row.split('|').length - 2).toBe(ROLES.length + 1);
  });

  it('reaches all for school-wide roles, own for department roles, none where the role lacks the action', () => {
    expect(roleReach('disclosure_admin', 'permissions.admin')).toBe('all');
    expect(roleReach('dept_liaison', 'rounds.task.submit')).toBe('own');
    expect(roleReach('dept_liaison', 'rounds.task.approve')).toBe('none');
    expect(roleReach('auditor', 'audit.read')).toBe('all');
  });

  it('lists every role with its actions', () => {
    expect(listRoles().items.map((item) => item.role)).toEqual([...ROLES]);
    expect(listRoles().items[1]?.actions).toEqual([...ROLE_DEFINITIONS.dept_liaison.actions]);
  });
});
