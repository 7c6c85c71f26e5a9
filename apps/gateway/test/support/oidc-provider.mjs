// A local OpenID Connect provider (the maintained `oidc-provider` package) standing in for the
// campus identity provider in tests. Run as its own process (the package is ESM only):
//   node oidc-provider.mjs   with PORT, AUDIENCE, KEY_ID (the signing key's kid) in the environment.
// It signs users in by staff number (POST /interaction/<uid>/login, form field `login`) and issues
// JWT access tokens for AUDIENCE carrying `staff_no`. Prints `ready <issuer>` once listening.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const audience = process.env.AUDIENCE;
const kid = process.env.KEY_ID;
const issuer = `http://127.0.0.1:${port}`;
const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'gongkai-portal',
      client_secret: 'portal-secret-0123456789',
      redirect_uris: ['http://127.0.0.1/callback'],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [{ ...key, kid, alg: 'RS256', use: 'sig' }] },
  cookies: { keys: ['test-cookie-key-0123456789'] },
  findAccount: async (_ctx, accountId) => ({ accountId, claims: async () => ({ sub: accountId }) }),
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'api',
        audience,
        accessTokenTTL: 300,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  extraTokenClaims: (_ctx, token) =>
    token.kind === 'AccessToken' ? { staff_no: token.accountId } : undefined,
});

/** The sign-in form's submission: the user named by `login` (a staff number) signs in and consents. */
async function login(req, res) {
  const body = await new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => resolve(new URLSearchParams(text)));
  });
  const details = await provider.interactionDetails(req, res);
  const accountId = body.get('login');
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope('openid');
  grant.addResourceScope(audience, 'api');
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } });
}

const callback = provider.callback();
const server = createServer((req, res) => {
  if (req.method === 'POST' && /^\/interaction\/[^/]+\/login$/.test(req.url ?? '')) {
    login(req, res).catch((error) => {
      res.statusCode = 500;
      res.end(String(error));
    });
    return;
  }
  callback(req, res);
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
