export * from './chain-checkpoint';
