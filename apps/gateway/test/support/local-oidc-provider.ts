import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';

export interface LocalOidcProvider {
  issuer: string;
  discoveryUrl: string;
  /** Signs `staffNo` in through the authorization code flow (PKCE) and returns the JWT access token. */
  signIn(staffNo: string): Promise<string>;
  stop(): Promise<void>;
}

const CLIENT_ID = 'gongkai-portal';
const CLIENT_SECRET = 'portal-secret-0123456789';
const REDIRECT_URI = 'http://127.0.0.1/callback';

/**
 * Starts `oidc-provider.mjs` (the real `oidc-provider` package) on `port`, signing with key `keyId`;
 * `audience` is the API's resource indicator (an absolute URI).
 */
export async function startOidcProvider(options: {
  port: number;
  audience: string;
  keyId: string;
}): Promise<LocalOidcProvider> {
  const child = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], {
    env: { ...process.env, PORT: String(options.port), AUDIENCE: options.audience, KEY_ID: options.keyId },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`oidc-provider did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready (\S+)/.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`oidc-provider exited with ${code}:\n${output}`)));
  });
  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    signIn: (staffNo) => signIn(issuer, options.audience, staffNo),
    stop: () => stopChild(child),
  };
}

async function signIn(issuer: string, audience: string, staffNo: string): Promise<string> {
  const cookies = new Map<string, string>();
  const call = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) cookies.set(name.trim(), value.join('='));
    }
    return response;
  };
  const location = (response: Response) => new URL(response.headers.get('location') ?? '', issuer).toString();
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${issuer}/auth`);
  for (const [key, value] of Object.entries({
    client_id: CLIENT_ID,
    response_type: 'code',
    scope: 'openid api',
    redirect_uri: REDIRECT_URI,
    resource: audience,
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }))
    authorize.searchParams.set(key, value);
  const interaction = location(await call(authorize.toString()));
  if (interaction.includes('error=')) throw new Error(`the provider refused the sign-in: ${interaction}`);
  const resume = location(
    await call(`${interaction}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login: staffNo }).toString(),
    }),
  );
  const callback = new URL(location(await call(resume)));
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code in ${callback.toString()}`);
  const token = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      resource: audience,
    }).toString(),
  });
  const body = (await token.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no access token: ${JSON.stringify(body)}`);
  return body.access_token;
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
