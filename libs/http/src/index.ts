export * from './api-error';
export * from './api-exception.filter';
export * from './validation.pipe';
export * from './health.module';
export * from './create-http-app';
export * from './run-http-app';
export * from './browser-use';
