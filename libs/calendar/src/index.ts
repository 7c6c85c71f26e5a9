export * from './working-days';
export * from './holiday-data';
