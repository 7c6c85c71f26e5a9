import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { formatEnvIssues } from './env-schema';
import { ConfigError, type Env } from './service-config';

/**
 * The key pair of the gateway's actor proofs (libs/messaging/src/rpc/actor-proof.ts): the gateway
 * signs, with GATEWAY_ACTOR_SIGNING_KEY, the actor it authenticated on the read-only subjects
 * services may publish too; every data service verifies with GATEWAY_ACTOR_PUBLIC_KEY. Ed25519.
 *
 * Either variable holds a PEM (PKCS#8 `PRIVATE KEY`, SPKI `PUBLIC KEY`; `\n` may be written as the
 * two characters backslash-n, as one-line .env files do) or the base64 of that PEM or of its DER.
 * Make a pair with `openssl genpkey -algorithm ed25519 -out gateway-actor.pem` and
 * `openssl pkey -in gateway-actor.pem -pubout`. Required in production; elsewhere a development
 * pair (below, public in this repository) stands in, so the check is never off: a gateway and
 * services started without keys still agree, and a request naming a person without a proof is
 * refused in development as in production.
 */

const keyText = z
  .string()
  .trim()
  .min(1)
  .optional()
  .transform((value) => (value === undefined ? undefined : value.replace(/\\n/g, '\n')));

const SigningKeyEnvSchema = z.object({
  GATEWAY_ACTOR_SIGNING_KEY: keyText,
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

const PublicKeyEnvSchema = z.object({
  GATEWAY_ACTOR_PUBLIC_KEY: keyText,
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

/** Outside production only. Anyone can read it here: it proves nothing anywhere else. */
export const DEVELOPMENT_GATEWAY_ACTOR_SIGNING_KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MC4CAQAwBQYDK2VwBCIEIK75mxFZXc3Nr2nyiXEfXLlckVd3r4ty325ZcSO81JjV',
  '-----END PRIVATE KEY-----',
].join('\n');

/** The public half of DEVELOPMENT_GATEWAY_ACTOR_SIGNING_KEY; refused in production. */
export const DEVELOPMENT_GATEWAY_ACTOR_PUBLIC_KEY = [
  '-----BEGIN PUBLIC KEY-----',
  'MCowBQYDK2VwAyEApZUlvQi30GOqQwC5QsBDrWTL5/GSp6H0FdBU9D0H5i4=',
  '-----END PUBLIC KEY-----',
].join('\n');

const HOW_TO_MAKE =
  '(an Ed25519 key pair: `openssl genpkey -algorithm ed25519 -out gateway-actor.pem`, its public half `openssl pkey -in gateway-actor.pem -pubout`)';

type KeyKind = 'private' | 'public';

/** PEM as it is, else base64 of a PEM, else base64 of DER (PKCS#8 or SPKI). */
function parseKey(text: string, kind: KeyKind): KeyObject {
  const fromPem = (value: string) => {
    // createPublicKey would take a private key too: the private half belongs to the gateway only.
    if (kind === 'public' && value.includes('PRIVATE KEY')) {
      throw new Error('this is a private key; give the services only its public half');
    }
    return kind === 'private' ? createPrivateKey(value) : createPublicKey(value);
  };
  if (text.includes('-----BEGIN')) return fromPem(text);
  if (!/^[A-Za-z0-9+/=_\s-]+$/.test(text)) throw new Error('neither a PEM nor base64');
  const bytes = Buffer.from(text.replace(/\s/g, ''), 'base64');
  const decoded = bytes.toString('utf8');
  if (decoded.includes('-----BEGIN')) return fromPem(decoded);
  return kind === 'private'
    ? createPrivateKey({ key: bytes, format: 'der', type: 'pkcs8' })
    : createPublicKey({ key: bytes, format: 'der', type: 'spki' });
}

function loadKey(service: string, name: string, text: string, kind: KeyKind): KeyObject {
  let key: KeyObject;
  try {
    key = parseKey(text, kind);
  } catch (error) {
    throw new ConfigError(
      service,
      `  ${name}: not a ${kind === 'private' ? 'PKCS#8' : 'SPKI'} key in PEM or base64 (${error instanceof Error ? error.message : String(error)}) ${HOW_TO_MAKE}`,
    );
  }
  if (key.type !== kind || key.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError(
      service,
      `  ${name}: must be an Ed25519 ${kind} key, not a ${key.asymmetricKeyType ?? ''} ${key.type} key ${HOW_TO_MAKE}`,
    );
  }
  return key;
}

function samePublicKey(a: KeyObject, b: KeyObject): boolean {
  return a.export({ type: 'spki', format: 'der' }).equals(b.export({ type: 'spki', format: 'der' }));
}

/** The gateway's GATEWAY_ACTOR_SIGNING_KEY (a development key outside production). */
export function loadGatewayActorSigningKey(env: Env = process.env): KeyObject {
  const result = SigningKeyEnvSchema.safeParse(env);
  if (!result.success) throw new ConfigError('gateway', formatEnvIssues(result.error));
  const { GATEWAY_ACTOR_SIGNING_KEY: text, NODE_ENV } = result.data;
  if (!text) {
    if (NODE_ENV === 'production') {
      throw new ConfigError(
        'gateway',
        `  GATEWAY_ACTOR_SIGNING_KEY: required in production ${HOW_TO_MAKE}; give every service its public half as GATEWAY_ACTOR_PUBLIC_KEY`,
      );
    }
    return createPrivateKey(DEVELOPMENT_GATEWAY_ACTOR_SIGNING_KEY);
  }
  const key = loadKey('gateway', 'GATEWAY_ACTOR_SIGNING_KEY', text, 'private');
  if (NODE_ENV === 'production' && samePublicKey(createPublicKey(key), developmentPublicKey())) {
    throw new ConfigError(
      'gateway',
      `  GATEWAY_ACTOR_SIGNING_KEY: the development key is public; make your own ${HOW_TO_MAKE}`,
    );
  }
  return key;
}

/** A data service's GATEWAY_ACTOR_PUBLIC_KEY (the development key outside production). */
export function loadGatewayActorPublicKey(service: string, env: Env = process.env): KeyObject {
  const result = PublicKeyEnvSchema.safeParse(env);
  if (!result.success) throw new ConfigError(service, formatEnvIssues(result.error));
  const { GATEWAY_ACTOR_PUBLIC_KEY: text, NODE_ENV } = result.data;
  if (!text) {
    if (NODE_ENV === 'production') {
      throw new ConfigError(
        service,
        `  GATEWAY_ACTOR_PUBLIC_KEY: required in production: the public half of the gateway's GATEWAY_ACTOR_SIGNING_KEY ${HOW_TO_MAKE}`,
      );
    }
    return developmentPublicKey();
  }
  const key = loadKey(service, 'GATEWAY_ACTOR_PUBLIC_KEY', text, 'public');
  if (NODE_ENV === 'production' && samePublicKey(key, developmentPublicKey())) {
    throw new ConfigError(
      service,
      `  GATEWAY_ACTOR_PUBLIC_KEY: the development key's private half is public; make your own pair ${HOW_TO_MAKE}`,
    );
  }
  return key;
}

function developmentPublicKey(): KeyObject {
  return createPublicKey(DEVELOPMENT_GATEWAY_ACTOR_PUBLIC_KEY);
}
