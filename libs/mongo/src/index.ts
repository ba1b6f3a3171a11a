export * from './mongo.module';
export * from './is-duplicate-key';
export * from './bulk-write';
