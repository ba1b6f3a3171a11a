export * from './key-view-store.port';
