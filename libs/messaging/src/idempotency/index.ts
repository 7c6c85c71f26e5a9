export * from './claim-in-transaction';
export * from './idempotency-context';
export * from './idempotency.interceptor';
export * from './idempotency.repository';
export * from './idempotency-sweeper';
