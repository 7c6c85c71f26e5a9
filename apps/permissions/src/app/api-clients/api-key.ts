import { API_KEY_PATTERN as KEY_PATTERN } from '@gongkai/contracts';
import {
  createHmac,
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';

/**
 * API keys: `gk_<client id without dashes>_<secret>`, the secret 32 random bytes in base64url
 * (43 characters). Stored as `hmac-sha256$<HMAC-SHA-256 of the secret under API_KEY_HMAC_SECRET>`:
 * a 256-bit random secret cannot be guessed, so a keyed hash is enough and costs microseconds per
 * request, where scrypt cost ~48 ms of CPU for every key presented, real or fake (issue 9).
 * Keys issued before are stored `scrypt$N$r$p$<salt>$<hash>`: they still verify, and are rewritten
 * as HMAC the first time they do (`upgrade` in the result), so no client needs a new key.
 */
const HMAC_SCHEME = 'hmac-sha256';

export interface IssuedKey {
  apiKey: string;
  secretHash: string;
  /** The last 4 characters of the key, shown in lists so people can tell keys apart. */
  secretHint: string;
}

export function issueApiKey(clientId: string, serverKey: string): IssuedKey {
  const secret = randomBytes(32).toString('base64url');
  return {
    apiKey: `gk_${clientId.replace(/-/g, '')}_${secret}`,
    secretHash: hashSecret(secret, serverKey),
    secretHint: secret.slice(-4),
  };
}

export function hashSecret(secret: string, serverKey: string): string {
  return `${HMAC_SCHEME}$${hmacOf(secret, serverKey).toString('base64url')}`;
}

export interface Verification {
  valid: boolean;
  /** The HMAC form to store instead of a legacy scrypt hash that just verified. */
  upgrade?: string;
}

export async function verifySecret(secret: string, stored: string, serverKey: string): Promise<Verification> {
  const [scheme, ...parts] = stored.split('$');
  if (scheme === HMAC_SCHEME && parts.length === 1 && parts[0]) {
    return { valid: equal(hmacOf(secret, serverKey), Buffer.from(parts[0], 'base64url')) };
  }
  if (scheme === 'scrypt' && (await verifyLegacyScrypt(secret, parts))) {
    return { valid: true, upgrade: hashSecret(secret, serverKey) };
  }
  return { valid: false };
}

/** Splits a presented key into the client id (with dashes) and the secret; null if malformed. */
export function parseApiKey(apiKey: string): { clientId: string; secret: string } | null {
  const match = KEY_PATTERN.exec(apiKey);
  if (!match?.[1] || !match[2]) return null;
  const hex = match[1];
  const clientId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { clientId, secret: match[2] };
}

/** Checked against when the client is unknown, so both paths do the same (cheap) work. */
const DECOY_SECRET = randomBytes(32).toString('base64url');
export function decoySecretHash(serverKey: string): string {
  return hashSecret(DECOY_SECRET, serverKey);
}

function hmacOf(secret: string, serverKey: string): Buffer {
  return createHmac('sha256', serverKey).update(secret, 'utf8').digest();
}

function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

async function verifyLegacyScrypt(secret: string, parts: string[]): Promise<boolean> {
  const [n, r, p, salt, hash] = parts;
  if (!n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const derived = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return equal(derived, expected);
}

function scrypt(secret: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(secret, salt, keyLength, options, (error, derived) =>
      error ? reject(error) : resolve(derived),
    ),
  );
}
