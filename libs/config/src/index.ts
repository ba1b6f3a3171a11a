export * from './env-reader';
export * from './infrastructure-config';
export * from './local-stack';
export * from './kafka-security-config';
