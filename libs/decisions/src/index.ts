export * from './decides-permission.decorator';
export * from './decision.cache';
export * from './decision.client';
export * from './decisions.module';
export * from './decisions.options';
export * from './permission-event.invalidation';
export * from './permissions-event.feed';
