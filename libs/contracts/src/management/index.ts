export * from './key-summary';
