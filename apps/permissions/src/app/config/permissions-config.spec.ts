import { loadPermissionsConfig } from './permissions-config';

describe('permissions configuration', () => {
  it('lets department reviewers approve and sweeps every 5 s by default', () => {
    expect(loadPermissionsConfig({})).toEqual({
      approvers: 'admin_or_reviewer',
      sweep: { intervalMs: 5000, batchSize: 200 },
    });
  });

  it('takes admin-only approvals and a shorter sweep', () => {
    expect(
      loadPermissionsConfig({ PERMISSION_REQUEST_APPROVERS: 'admin', BINDING_SWEEP_INTERVAL_MS: '100' }),
    ).toMatchObject({ approvers: 'admin', sweep: { intervalMs: 100 } });
  });

  it('names a bad value and says what to do', () => {
    expect(() => loadPermissionsConfig({ PERMISSION_REQUEST_APPROVERS: 'anyone' })).toThrow(
      /PERMISSION_REQUEST_APPROVERS[\s\S]*|fix these environment variables/,
    );
  });
});
