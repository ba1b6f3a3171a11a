export * from './client-errors';
export * from './wire-types';
export * from './http-transport';
export * from './keys-client';
export * from './audit-client';
export * from './pxxl-client';
export * from './reviews-client';
