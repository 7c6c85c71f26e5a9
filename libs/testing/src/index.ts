export * from './fetch-large-body';
export * from './free-port';
export * from './nats-cleanup';
export * from './private-nats-server';
export * from './system-under-test';
export * from './tcp-proxy';
export * from './test-run';
export * from './wait-for';
