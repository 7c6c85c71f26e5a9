export * from './fetch-large-body';
export * from './free-port';
export * from './nats-cleanup';
export * from './system-under-test';
export * from './test-run';
export * from './wait-for';
