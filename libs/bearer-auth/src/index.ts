export {
  DEFAULT_CACHE_OPTIONS,
  DEFAULT_THROTTLE_OPTIONS,
  NO_FRESHNESS_SOURCE,
  TokenHasher,
  VerificationPipeline,
  VerificationUnavailableError,
  type CacheOptions,
  type FreshnessSource,
  type HeardEvent,
  type KeyCache,
  type KeyCacheStats,
  type ThrottleOptions,
} from '@pxxl/verification';
export * from './verification/key-verifier';
export * from './verification/remote-key-verifier';
export * from './revocation/kafka-liveness';
export * from './revocation/revocation-listener';
export * from './require-scopes.decorator';
export * from './current-key.decorator';
export * from './auth-errors';
export * from './bearer.strategy';
export * from './api-key.guard';
export * from './bearer-auth.options';
export * from './bearer-auth.module';
export * from './revocation/revocations-from-env';
