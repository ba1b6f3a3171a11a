export * from './api-key-token';
export { randomBase62 } from './base62';
export { crc32 } from './crc32';
