import { ConfigError, loadGatewayConfig, type GatewayConfig } from '@gongkai/config';
import { Logger } from 'nestjs-pino';
import { createGatewayApp } from './app/create-gateway-app';

function loadConfigOrExit(): GatewayConfig {
  try {
    return loadGatewayConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createGatewayApp(config);
  app.enableShutdownHooks();
  const logger = app.get(Logger);
  if (!config.auth.bootstrapAdminApiKey && !config.auth.jwtSecret) {
    logger.warn(
      'Neither BOOTSTRAP_ADMIN_API_KEY nor JWT_SECRET is set: every authenticated route answers 401',
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
