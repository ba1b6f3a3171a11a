export * from './event-store.port';
export * from './event-publisher.port';
export * from './read-model-waiter.port';
export * from './secret-hasher.port';
export * from './key-directory.port';
export * from './key-read-model.port';
export * from './usage-recorder.port';
export * from './verification-cache.port';
