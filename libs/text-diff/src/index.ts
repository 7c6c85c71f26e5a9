export * from './text-diff';
