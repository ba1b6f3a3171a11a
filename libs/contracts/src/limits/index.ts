export * from './key-limits';
export * from './ip-address';
