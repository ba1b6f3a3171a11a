export * from './envelope';
export * from './key-created.v1';
export * from './key-rotated.v1';
export * from './key-revoked.v1';
export * from './key-updated.v1';
export * from './key-event';
export * from './schemas';
export * from './parse-key-event';
