export * from './owner-handle';
