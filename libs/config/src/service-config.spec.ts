import { ConfigError, databaseUrlFor, loadDataServiceConfig, loadGatewayConfig } from './service-config';

describe('service configuration', () => {
  it('gives each service its own database on the DATABASE_URL server', () => {
    const env = { DATABASE_URL: 'postgresql://postgres@db.example:5432/postgres' };
    expect(databaseUrlFor('catalogue', env)).toBe('postgresql://postgres@db.example:5432/gongkai_catalogue');
  });

  it('prefers <SERVICE>_DATABASE_URL when it is set', () => {
    const env = { ROUNDS_DATABASE_URL: 'postgresql://u@h:1/custom', DATABASE_URL: 'postgresql://x@y:2/z' };
    expect(loadDataServiceConfig('rounds', env).database.url).toBe('postgresql://u@h:1/custom');
  });

  it('parses the back-off steps and defaults', () => {
    const config = loadDataServiceConfig('permissions', { CONSUMER_BACKOFF_MS: '10,20' });
    expect(config.messaging.backoffMs).toEqual([10, 20]);
    expect(config.messaging.maxDeliver).toBe(5);
    expect(config.nats.url).toBe('nats://127.0.0.1:4222');
  });

  it("logs in as the app's NATS user when both NATS_USER and NATS_PASSWORD are set", () => {
    expect(loadDataServiceConfig('rounds', {}).nats.credentials).toBeUndefined();
    const password = 'n0123456789abcdef0123';
    expect(loadGatewayConfig({ NATS_USER: 'gateway', NATS_PASSWORD: password }).nats.credentials).toEqual({
      user: 'gateway',
      password,
    });
    expect(() => loadDataServiceConfig('rounds', { NATS_USER: 'rounds' })).toThrow(
      /NATS_USER, NATS_PASSWORD/,
    );
    // nats-server reads the password from its environment as a config value: no leading digit.
    expect(() =>
      loadDataServiceConfig('rounds', { NATS_USER: 'rounds', NATS_PASSWORD: '0123456789abcdef0123' }),
    ).toThrow(/NATS_PASSWORD: a letter/);
  });

  it('sets explicit pool, connect and consumer transaction timeouts, overridable', () => {
    const defaults = loadDataServiceConfig('catalogue', {});
    expect(defaults.database.pool).toEqual({ poolSize: 10, idleTimeoutMs: 10000, connectionTimeoutMs: 1500 });
    expect(defaults.messaging.transactionTimeoutMs).toBe(60000);
    expect(defaults.messaging.outboxRetryMaxMs).toBe(5000);
    const tuned = loadDataServiceConfig('catalogue', {
      DB_POOL_MAX: '3',
      DB_POOL_IDLE_TIMEOUT_MS: '500',
      DB_CONNECT_TIMEOUT_MS: '800',
      CONSUMER_TX_TIMEOUT_MS: '120000',
      OUTBOX_RETRY_MAX_MS: '2000',
    });
    expect(tuned.database.pool).toEqual({ poolSize: 3, idleTimeoutMs: 500, connectionTimeoutMs: 800 });
    expect(tuned.messaging.transactionTimeoutMs).toBe(120000);
    expect(tuned.messaging.outboxRetryMaxMs).toBe(2000);
    expect(() => loadDataServiceConfig('catalogue', { DB_CONNECT_TIMEOUT_MS: '0' })).toThrow(
      /DB_CONNECT_TIMEOUT_MS/,
    );
  });

  it('names every bad variable at once and says what to do', () => {
    let error: unknown;
    try {
      loadGatewayConfig({ PORT: 'eighty', JWT_SECRET: 'short', NATS_PREFIX: 'Bad Prefix' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('JWT_SECRET');
    expect(message).toContain('NATS_PREFIX');
    expect(message).toContain('fix these environment variables');
  });

  it('reads the gateway edge: shared rate-limit store, trusted proxies, CORS origins, token and SSO settings', () => {
    const defaults = loadGatewayConfig({});
    expect(defaults.http).toMatchObject({
      trustedProxies: [],
      corsAllowedOrigins: [],
      authFailuresPerMinute: 30,
      requestTimeoutMs: 30000,
      // Under the 5 s bound a client is promised (REQUEST_TIMEOUT_MS caps each call within it).
      answerDeadlineMs: 4500,
    });
    expect(defaults.http.rateLimitRedisUrl).toBeUndefined();
    expect(defaults.auth).toMatchObject({ jwtAudience: 'gongkai-api', jwtMaxAgeSeconds: 3600 });
    expect(defaults.auth.oidc).toBeUndefined();
    const set = loadGatewayConfig({
      RATE_LIMIT_REDIS_URL: 'redis://127.0.0.1:6379',
      TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1',
      CORS_ALLOWED_ORIGINS: 'https://xxgk.example.edu.cn',
      OIDC_DISCOVERY_URL: 'https://sso.example.edu.cn/.well-known/openid-configuration',
      OIDC_AUDIENCE: 'gongkai',
    });
    expect(set.http.trustedProxies).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(set.http.corsAllowedOrigins).toEqual(['https://xxgk.example.edu.cn']);
    expect(set.auth.oidc).toMatchObject({ audience: 'gongkai', staffNoClaim: 'staff_no' });
    expect(() => loadGatewayConfig({ TRUSTED_PROXIES: 'proxy.example' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadGatewayConfig({ CORS_ALLOWED_ORIGINS: '*' })).toThrow(/CORS_ALLOWED_ORIGINS/);
    expect(() => loadGatewayConfig({ RATE_LIMIT_REDIS_URL: 'localhost:6379' })).toThrow(
      /RATE_LIMIT_REDIS_URL/,
    );
    expect(() =>
      loadGatewayConfig({
        OIDC_DISCOVERY_URL: 'https://sso.example.edu.cn/.well-known/openid-configuration',
      }),
    ).toThrow(/OIDC_AUDIENCE: required/);
  });

  it('rejects a database URL that is not PostgreSQL', () => {
    expect(() => loadDataServiceConfig('reports', { DATABASE_URL: 'mysql://root@h/x' })).toThrow(
      /DATABASE_URL/,
    );
  });
});
