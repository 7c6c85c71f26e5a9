export * from './dead-letters.controller';
export * from './idempotency-lifecycle';
export * from './json-logger';
export * from './messaging-lifecycle';
export * from './service-config.token';
export * from './service-kit.module';
export * from './start-data-service';
