import { randomBytes, scryptSync } from 'node:crypto';
import { decoySecretHash, hashSecret, issueApiKey, parseApiKey, verifySecret } from './api-key';

const CLIENT_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const SERVER_KEY = 'a-server-key-of-at-least-32-characters!';

/** A key hash as the service stored it before issue 9 (scrypt N=16384, r=8, p=1). */
function legacyScryptHash(secret: string): string {
  const salt = randomBytes(16);
  const derived = scryptSync(secret, salt, 32, { N: 16384, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64url'), derived.toString('base64url')].join('$');
}

describe('API keys', () => {
  it('issues gk_<id without dashes>_<43 base64url characters> and keeps only an HMAC-SHA-256 of the secret', () => {
    const issued = issueApiKey(CLIENT_ID, SERVER_KEY);
    expect(issued.apiKey).toMatch(/^gk_0190a1b2c3d47e5f8a9b0c1d2e3f4a5b_[A-Za-z0-9_-]{43}$/);
    expect(issued.secretHash).toMatch(/^hmac-sha256\$[A-Za-z0-9_-]{43}$/);
    expect(issued.secretHash).not.toContain(issued.apiKey.split('_').pop());
    expect(issued.apiKey.endsWith(issued.secretHint)).toBe(true);
  });

  it('verifies the secret it issued and nothing else', async () => {
    const issued = issueApiKey(CLIENT_ID, SERVER_KEY);
    const secret = parseApiKey(issued.apiKey)?.secret ?? '';
    expect(parseApiKey(issued.apiKey)?.clientId).toBe(CLIENT_ID);
    await expect(verifySecret(secret, issued.secretHash, SERVER_KEY)).resolves.toEqual({ valid: true });
    await expect(verifySecret(`${secret}x`, issued.secretHash, SERVER_KEY)).resolves.toEqual({
      valid: false,
    });
    await expect(verifySecret(secret, 'plain$text', SERVER_KEY)).resolves.toEqual({ valid: false });
    await expect(verifySecret(secret, decoySecretHash(SERVER_KEY), SERVER_KEY)).resolves.toEqual({
      valid: false,
    });
  });

  it('depends on the server key: a stolen table does not verify under another installation key', async () => {
    const issued = issueApiKey(CLIENT_ID, SERVER_KEY);
    const secret = parseApiKey(issued.apiKey)?.secret ?? '';
    await expect(
      verifySecret(secret, issued.secretHash, 'another-server-key-of-32-characters!!'),
    ).resolves.toEqual({ valid: false });
  });

  it('still verifies a key stored as scrypt before, and hands back its HMAC form to store instead', async () => {
    const secret = randomBytes(32).toString('base64url');
    const stored = legacyScryptHash(secret);
    const verified = await verifySecret(secret, stored, SERVER_KEY);
    expect(verified).toEqual({ valid: true, upgrade: hashSecret(secret, SERVER_KEY) });
    await expect(verifySecret(secret, verified.upgrade ?? '', SERVER_KEY)).resolves.toEqual({ valid: true });
    await expect(verifySecret(`${secret}x`, stored, SERVER_KEY)).resolves.toEqual({ valid: false });
  });

  it('refuses malformed keys', () => {
    expect(parseApiKey('gk_nothex_abc')).toBeNull();
    expect(parseApiKey(`gk_${'a'.repeat(32)}_short`)).toBeNull();
    expect(parseApiKey('Bearer something')).toBeNull();
  });
});
