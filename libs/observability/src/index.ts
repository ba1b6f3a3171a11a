export * from './json-logger';
export * from './redact';
export * from './health-check';
export * from './metrics';
export * from './tracing';
