import { DEVELOPMENT_CHAIN_CHECKPOINT_KEY } from '@gongkai/config';
import { DEVELOPMENT_API_KEY_HMAC_SECRET, loadPermissionsConfig } from './permissions-config';

describe('permissions configuration', () => {
  it('lets department reviewers approve and sweeps every 5 s by default', () => {
    expect(loadPermissionsConfig({})).toEqual({
      approvers: 'admin_or_reviewer',
      sweep: { intervalMs: 5000, batchSize: 200 },
      apiKeyHmacSecret: DEVELOPMENT_API_KEY_HMAC_SECRET,
      chainCheckpointKey: DEVELOPMENT_CHAIN_CHECKPOINT_KEY,
    });
  });

  it('needs its own chain checkpoint key in production', () => {
    const secret = 'x'.repeat(32);
    expect(() => loadPermissionsConfig({ NODE_ENV: 'production', API_KEY_HMAC_SECRET: secret })).toThrow(
      /CHAIN_CHECKPOINT_KEY: required in production/,
    );
    const key = 'k'.repeat(32);
    expect(
      loadPermissionsConfig({
        NODE_ENV: 'production',
        API_KEY_HMAC_SECRET: secret,
        CHAIN_CHECKPOINT_KEY: key,
      }).chainCheckpointKey,
    ).toBe(key);
  });

  it('needs its own API key HMAC secret in production', () => {
    expect(() => loadPermissionsConfig({ NODE_ENV: 'production' })).toThrow(
      /API_KEY_HMAC_SECRET: required in production/,
    );
    expect(() => loadPermissionsConfig({ API_KEY_HMAC_SECRET: 'short' })).toThrow(/API_KEY_HMAC_SECRET/);
    const secret = 'x'.repeat(32);
    expect(
      loadPermissionsConfig({
        NODE_ENV: 'production',
        API_KEY_HMAC_SECRET: secret,
        CHAIN_CHECKPOINT_KEY: 'k'.repeat(32),
      }).apiKeyHmacSecret,
    ).toBe(secret);
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
