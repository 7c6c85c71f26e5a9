import { generateKeyPairSync } from 'node:crypto';

/**
 * A fresh gateway actor key pair for one test run, as each app gets it: the gateway signs with
 * GATEWAY_ACTOR_SIGNING_KEY, every data service verifies with GATEWAY_ACTOR_PUBLIC_KEY (see
 * libs/config/src/gateway-actor-keys.ts). The runs exercise real keys rather than the built-in
 * development pair, and no service sees the private half.
 */
export function gatewayActorKeyEnv(): (app: string) => Record<string, string> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signing = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const verifying = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return (app): Record<string, string> =>
    app === 'gateway' ? { GATEWAY_ACTOR_SIGNING_KEY: signing } : { GATEWAY_ACTOR_PUBLIC_KEY: verifying };
}
