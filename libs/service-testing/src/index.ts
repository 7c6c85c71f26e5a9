export * from './publish-test-event';
export * from './service-under-test';
export * from './department-projection.behaviour';
export * from './with-any-body';
