export * from './audit-entry-store.port';
export * from './chain-store.port';
export * from './event-log-reader.port';
export * from './key-source.port';
