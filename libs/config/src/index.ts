export * from './env-reader';
export * from './infrastructure-config';
export * from './local-stack';
