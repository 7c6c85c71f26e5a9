export * from './department-projection.consumer';
export * from './department-projection.module';
