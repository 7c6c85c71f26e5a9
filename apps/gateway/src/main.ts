import type { KeyObject } from 'node:crypto';
import {
  ConfigError,
  loadGatewayActorSigningKey,
  loadGatewayConfig,
  type GatewayConfig,
} from '@gongkai/config';
import { Logger } from 'nestjs-pino';
import { createGatewayApp } from './app/create-gateway-app';

function loadConfigOrExit(): { config: GatewayConfig; actorSigningKey: KeyObject } {
  try {
    return { config: loadGatewayConfig(), actorSigningKey: loadGatewayActorSigningKey() };
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function bootstrap(): Promise<void> {
  const { config, actorSigningKey } = loadConfigOrExit();
  const app = await createGatewayApp(config, { actorSigningKey });
  app.enableShutdownHooks();
  const logger = app.get(Logger);
  if (!config.auth.bootstrapAdminApiKey && !config.auth.jwtSecret && !config.auth.oidc) {
    logger.warn(
      'None of BOOTSTRAP_ADMIN_API_KEY, JWT_SECRET and OIDC_DISCOVERY_URL is set: every authenticated route answers 401',
      'Bootstrap',
    );
  }
  if (config.nodeEnv === 'production' && !config.http.rateLimitRedisUrl) {
    logger.warn(
      'RATE_LIMIT_REDIS_URL is not set: each gateway replica counts rate limits on its own (N replicas allow N times the limit)',
      'Bootstrap',
    );
  }
  await app.listen({ port: config.http.port, host: config.http.host });
  logger.log(`gateway listening on ${await app.getUrl()} (API docs at /api/docs)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `gateway failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
