export * from './audit-entry-store.port';
export * from './chain-store.port';
export * from './event-log-reader.port';
export * from './key-source.port';
export * from './checkpoint-store.port';
export * from './tree-store.port';
export * from './checkpoint-log.port';
export * from './cosignature-store.port';
