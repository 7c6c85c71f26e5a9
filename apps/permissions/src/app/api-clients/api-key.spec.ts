import { issueApiKey, parseApiKey, verifySecret } from './api-key';

const CLIENT_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('API keys', () => {
  it('issues gk_<id without dashes>_<43 base64url characters> and keeps only a salted scrypt hash', async () => {
    const issued = await issueApiKey(CLIENT_ID);
    expect(issued.apiKey).toMatch(/^gk_0190a1b2c3d47e5f8a9b0c1d2e3f4a5b_[A-Za-z0-9_-]{43}$/);
    expect(issued.secretHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(issued.secretHash).not.toContain(issued.apiKey.split('_').pop());
    expect(issued.apiKey.endsWith(issued.secretHint)).toBe(true);
  });

  it('verifies the secret it issued and nothing else', async () => {
    const issued = await issueApiKey(CLIENT_ID);
    const parsed = parseApiKey(issued.apiKey);
    expect(parsed?.clientId).toBe(CLIENT_ID);
    await expect(verifySecret(parsed?.secret ?? '', issued.secretHash)).resolves.toBe(true);
    await expect(verifySecret(`${parsed?.secret ?? ''}x`, issued.secretHash)).resolves.toBe(false);
    await expect(verifySecret(parsed?.secret ?? '', 'plain$text')).resolves.toBe(false);
  });

  it('salts every key differently', async () => {
    const [first, second] = await Promise.all([issueApiKey(CLIENT_ID), issueApiKey(CLIENT_ID)]);
    expect(first.secretHash.split('$')[4]).not.toBe(second.secretHash.split('$')[4]);
  });

  it('refuses malformed keys', () => {
    expect(parseApiKey('gk_nothex_abc')).toBeNull();
    expect(parseApiKey(`gk_${'a'.repeat(32)}_short`)).toBeNull();
    expect(parseApiKey('Bearer something')).toBeNull();
  });
});
