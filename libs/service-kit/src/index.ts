export * from './close-on-signals';
export * from './dead-letters.controller';
export * from './json-logger';
export * from './messaging-lifecycle';
export * from './service-config.token';
export * from './service-kit.module';
export * from './start-data-service';
export * from './department-projection/department-projection.consumer';
