export * from './token';
export * from './events';
export * from './verification';
export * from './topics';
export * from './scopes';
export * from './workspace';
export * from './clock';
export * from './management';
