import { API_KEY_PATTERN as KEY_PATTERN } from '@gongkai/contracts';
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * API keys: `gk_<client id without dashes>_<secret>`, the secret 32 random bytes in base64url
 * (43 characters). Only `scrypt$N$r$p$<salt>$<hash>` is stored, with a salt of its own per key.
 */
const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

function scrypt(secret: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(secret, salt, keyLength, options, (error, derived) =>
      error ? reject(error) : resolve(derived),
    ),
  );
}

export interface IssuedKey {
  apiKey: string;
  secretHash: string;
  /** The last 4 characters of the key, shown in lists so people can tell keys apart. */
  secretHint: string;
}

export async function issueApiKey(clientId: string): Promise<IssuedKey> {
  const secret = randomBytes(32).toString('base64url');
  return {
    apiKey: `gk_${clientId.replace(/-/g, '')}_${secret}`,
    secretHash: await hashSecret(secret),
    secretHint: secret.slice(-4),
  };
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const derived = await scrypt(secret, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return [
    'scrypt',
    SCRYPT.N,
    SCRYPT.r,
    SCRYPT.p,
    salt.toString('base64url'),
    derived.toString('base64url'),
  ].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const derived = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}

/** Splits a presented key into the client id (with dashes) and the secret; null if malformed. */
export function parseApiKey(apiKey: string): { clientId: string; secret: string } | null {
  const match = KEY_PATTERN.exec(apiKey);
  if (!match?.[1] || !match[2]) return null;
  const hex = match[1];
  const clientId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { clientId, secret: match[2] };
}

/** A hash of a random secret, checked against when the client is unknown so both paths cost the same. */
let decoyHash: Promise<string> | null = null;
export function decoySecretHash(): Promise<string> {
  decoyHash ??= hashSecret(randomBytes(32).toString('base64url'));
  return decoyHash;
}
