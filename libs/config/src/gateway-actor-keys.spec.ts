import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import {
  DEVELOPMENT_GATEWAY_ACTOR_PUBLIC_KEY,
  DEVELOPMENT_GATEWAY_ACTOR_SIGNING_KEY,
  loadGatewayActorPublicKey,
  loadGatewayActorSigningKey,
} from './gateway-actor-keys';

const pair = generateKeyPairSync('ed25519');
const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' }).toString('base64');

/** The loaded keys are one pair: what the one signs, the other verifies. */
function isPair(privateKey: KeyObject, publicKey: KeyObject): boolean {
  const data = Buffer.from('proof');
  return verify(null, data, publicKey, sign(null, data, privateKey));
}

describe('the gateway actor proof keys', () => {
  it('fall back to the development pair outside production', () => {
    for (const NODE_ENV of [undefined, 'development', 'test']) {
      const signing = loadGatewayActorSigningKey({ NODE_ENV });
      const publicKey = loadGatewayActorPublicKey('catalogue', { NODE_ENV });
      expect(isPair(signing, publicKey)).toBe(true);
      expect(spki(publicKey)).toBe(spki(createPublicKey(DEVELOPMENT_GATEWAY_ACTOR_SIGNING_KEY)));
    }
  });

  it('are required in production, and the development pair is refused there', () => {
    expect(() => loadGatewayActorSigningKey({ NODE_ENV: 'production' })).toThrow(
      /GATEWAY_ACTOR_SIGNING_KEY: required in production.*openssl genpkey -algorithm ed25519/,
    );
    expect(() => loadGatewayActorPublicKey('rounds', { NODE_ENV: 'production' })).toThrow(
      /Invalid configuration for rounds[\s\S]*GATEWAY_ACTOR_PUBLIC_KEY: required in production/,
    );
    expect(() =>
      loadGatewayActorSigningKey({
        NODE_ENV: 'production',
        GATEWAY_ACTOR_SIGNING_KEY: DEVELOPMENT_GATEWAY_ACTOR_SIGNING_KEY,
      }),
    ).toThrow(/the development key is public/);
    expect(() =>
      loadGatewayActorPublicKey('catalogue', {
        NODE_ENV: 'production',
        GATEWAY_ACTOR_PUBLIC_KEY: DEVELOPMENT_GATEWAY_ACTOR_PUBLIC_KEY,
      }),
    ).toThrow(/make your own pair/);
  });

  it('read PEM, PEM with literal \\n, base64 of the PEM and base64 of the DER', () => {
    const privateForms = [
      privatePem,
      privatePem.trim().replace(/\n/g, '\\n'),
      Buffer.from(privatePem).toString('base64'),
      pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    ];
    const publicForms = [
      publicPem,
      publicPem.trim().replace(/\n/g, '\\n'),
      Buffer.from(publicPem).toString('base64'),
      pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    ];
    for (const GATEWAY_ACTOR_SIGNING_KEY of privateForms) {
      for (const GATEWAY_ACTOR_PUBLIC_KEY of publicForms) {
        const env = { NODE_ENV: 'production', GATEWAY_ACTOR_SIGNING_KEY, GATEWAY_ACTOR_PUBLIC_KEY };
        expect(isPair(loadGatewayActorSigningKey(env), loadGatewayActorPublicKey('catalogue', env))).toBe(
          true,
        );
      }
    }
  });

  it('refuse what is not an Ed25519 key of the right half', () => {
    expect(() => loadGatewayActorSigningKey({ GATEWAY_ACTOR_SIGNING_KEY: 'not a key!' })).toThrow(
      /GATEWAY_ACTOR_SIGNING_KEY: not a PKCS#8 key in PEM or base64/,
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() =>
      loadGatewayActorSigningKey({
        GATEWAY_ACTOR_SIGNING_KEY: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      }),
    ).toThrow(/must be an Ed25519 private key/);
    expect(() =>
      loadGatewayActorPublicKey('catalogue', {
        GATEWAY_ACTOR_PUBLIC_KEY: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      }),
    ).toThrow(/must be an Ed25519 public key/);
    // The private half belongs to the gateway only, even though it holds the public half too.
    expect(() => loadGatewayActorPublicKey('catalogue', { GATEWAY_ACTOR_PUBLIC_KEY: privatePem })).toThrow(
      /this is a private key; give the services only its public half/,
    );
    expect(() =>
      loadGatewayActorPublicKey('catalogue', {
        GATEWAY_ACTOR_PUBLIC_KEY: Buffer.from(privatePem).toString('base64'),
      }),
    ).toThrow(/this is a private key/);
    expect(() => loadGatewayActorSigningKey({ GATEWAY_ACTOR_SIGNING_KEY: publicPem })).toThrow(
      /GATEWAY_ACTOR_SIGNING_KEY: not a PKCS#8 key/,
    );
  });
});
