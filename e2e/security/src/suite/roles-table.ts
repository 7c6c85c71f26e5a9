import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a role allows for an action, as docs/roles-and-actions.md writes it. */
export type Grant = 'all' | 'own' | 'none';

export interface RolesTable {
  roles: string[];
  /** Roles always bound to one department (`bound: department`). */
  departmentScoped: Set<string>;
  /** action → role → grant. */
  grants: Map<string, Map<string, Grant>>;
}

const cells = (line: string) =>
  line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim().replace(/^`|`$/g, ''));

function tableAfter(lines: string[], heading: string): string[][] {
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start < 0) throw new Error(`docs/roles-and-actions.md has no "${heading}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    if (line.startsWith('|') && !/^\|\s*-/.test(line)) rows.push(cells(line));
  }
  return rows;
}

/**
 * The oracle of the function-level cases: the roles documentation (generated from the roles in
 * contracts, which a contracts test keeps equal), read as a reader of the docs would read it, not
 * from what the running system answers.
 */
export function readRolesTable(workspaceRoot: string): RolesTable {
  const lines = readFileSync(join(workspaceRoot, 'docs', 'roles-and-actions.md'), 'utf8').split('\n');
  const [, ...roleRows] = tableAfter(lines, '## Roles');
  const departmentScoped = new Set(
    roleRows.filter((row) => row[2] === 'department').map((row) => row[0] ?? ''),
  );
  const [header, ...actionRows] = tableAfter(lines, '## Who may do what, where');
  const roles = (header ?? []).slice(1);
  const grants = new Map<string, Map<string, Grant>>();
  for (const [action = '', ...values] of actionRows) {
    grants.set(
      action,
      new Map(
        roles.map((role, index) => {
          const value = values[index];
          return [role, value === 'all' ? 'all' : value === 'own' ? 'own' : 'none'];
        }),
      ),
    );
  }
  if (roles.length === 0 || grants.size === 0) throw new Error('docs/roles-and-actions.md: no roles table');
  return { roles, departmentScoped, grants };
}

/**
 * May a holder of `role` (bound school-wide, or in the target's own department for department
 * roles) do `action` on a target in a department (`inDepartment`) or school-wide?
 */
export function allows(table: RolesTable, role: string, action: string, inDepartment: boolean): boolean {
  const grant = table.grants.get(action)?.get(role);
  if (grant === undefined) throw new Error(`the roles table does not name ${action} for ${role}`);
  if (grant === 'all') return true;
  return grant === 'own' && inDepartment;
}
