export * from './mongo.module';
export * from './is-duplicate-key';
export * from './index-ensurer';
export * from './bulk-write';
export * from './read-ahead';
