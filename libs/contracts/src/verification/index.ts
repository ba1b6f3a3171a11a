export * from './verification-result';
