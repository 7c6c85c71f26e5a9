export * from './env-schema';
export * from './service-config';
export * from './operations-env';
export * from './chain-checkpoint-key';
export * from './gateway-actor-keys';
