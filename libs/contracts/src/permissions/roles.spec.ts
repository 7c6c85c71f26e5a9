import { ACTIONS, ROLES, ROLE_DEFINITIONS, roleGrants } from './roles';

describe('roles and actions', () => {
  it('defines every role, each granting only known actions', () => {
    expect(Object.keys(ROLE_DEFINITIONS).sort()).toEqual([...ROLES].sort());
    for (const definition of Object.values(ROLE_DEFINITIONS)) {
      for (const action of definition.actions) expect(ACTIONS).toContain(action);
    }
  });

  it('lets only the disclosure office administer permissions', () => {
    const administrators = ROLES.filter((role) => roleGrants(role, 'permissions.admin'));
    expect(administrators).toEqual(['disclosure_admin']);
  });

  it('keeps the auditor read-only', () => {
    expect(ROLE_DEFINITIONS.auditor.actions.every((action) => /\.read$/.test(action))).toBe(true);
  });
});
