import type { RateLimitState, ThrottledVerdict, UsageState } from '@pxxl/contracts';
import { ApiError } from '@pxxl/http';

const REALM = 'realm="pxxl-keys"';

/** 401/403 answers with RFC 6750 `WWW-Authenticate` challenges, and the 503 of an outage. */
export const AuthErrors = {
  missing: () =>
    new ApiError(401, 'MISSING_TOKEN', 'send a platform API key as "Authorization: Bearer <key>"', {}, {
      'WWW-Authenticate': `Bearer ${REALM}`,
    }),
  badHeader: () =>
    new ApiError(400, 'MALFORMED_AUTHORIZATION', 'the Authorization header must be "Bearer <key>"', {}, {
      'WWW-Authenticate': `Bearer ${REALM}, error="invalid_request"`,
    }),
  invalid: (code: 'MALFORMED_TOKEN' | 'INVALID_TOKEN' | 'TOKEN_REVOKED' | 'TOKEN_EXPIRED', description: string) =>
    new ApiError(401, code, description, {}, {
      'WWW-Authenticate': `Bearer ${REALM}, error="invalid_token", error_description="${description}"`,
    }),
  /** The 401 of a key that did not verify, by the verifier's code (NOT_FOUND and anything unknown: INVALID_TOKEN). */
  unverified: (code: string): ApiError => {
    switch (code) {
      case 'MALFORMED':
        return AuthErrors.invalid('MALFORMED_TOKEN', 'the key is not a well-formed Pxxl key');
      case 'REVOKED':
        return AuthErrors.invalid('TOKEN_REVOKED', 'the key has been revoked');
      case 'EXPIRED':
        return AuthErrors.invalid('TOKEN_EXPIRED', 'the key has expired');
      default:
        return AuthErrors.invalid('INVALID_TOKEN', 'the key is not valid');
    }
  },
  /** The 429 of a throttled verdict: the key id (TOO_MANY_ATTEMPTS) or the caller's address (TOO_MANY_FAILURES_FROM_SOURCE). */
  throttled: ({ code, retryAfterMs }: ThrottledVerdict) => {
    const retryAfterSeconds = Math.ceil(retryAfterMs / 1000);
    const message = code === 'TOO_MANY_ATTEMPTS' ? 'too many failed attempts for this key; try again later' : 'too many failed attempts from this address; try again later';
    return new ApiError(429, code, message, { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
  },
  /**
   * The key's rate limit is spent for this window: 429 with Retry-After and the IETF RateLimit
   * headers (draft-ietf-httpapi-ratelimit-headers: policy quota `q` per window `w`, remaining `r`, reset in `t` s).
   */
  rateLimited: (state: RateLimitState, now: number = Date.now()) => {
    const resetSeconds = Math.max(1, Math.ceil((Date.parse(state.resetAt) - now) / 1000));
    return new ApiError(429, 'RATE_LIMITED', 'this key’s rate limit is used up for now; retry after the window resets', { rateLimit: state }, {
      'Retry-After': String(resetSeconds),
      'RateLimit-Policy': `"key";q=${state.limit};w=${state.windowSeconds}`,
      RateLimit: `"key";r=0;t=${resetSeconds}`,
    });
  },
  /** The key's usage quota is spent: 429, with Retry-After when it refills. */
  usageExhausted: (state: UsageState, now: number = Date.now()) =>
    new ApiError(
      429,
      'USAGE_EXHAUSTED',
      state.refillAt === null ? 'this key’s usage quota is spent; an admin can top it up' : 'this key’s usage quota is spent until it refills',
      { usage: state },
      state.refillAt === null ? {} : { 'Retry-After': String(Math.max(1, Math.ceil((Date.parse(state.refillAt) - now) / 1000))) },
    ),
  /** The key may not be used from this address (its IP allow-list). */
  ipNotAllowed: () => new ApiError(403, 'IP_NOT_ALLOWED', 'this key may not be used from this address', {}),
  insufficientScope: (required: string[], missing: string[]) =>
    new ApiError(403, 'INSUFFICIENT_SCOPE', `this key lacks the scopes: ${missing.join(', ')}`, { missingScopes: missing }, {
      'WWW-Authenticate': `Bearer ${REALM}, error="insufficient_scope", scope="${required.join(' ')}"`,
    }),
  /** Keys cannot be checked (key service, read model or Kafka unreachable beyond the bound): fail closed. */
  unavailable: () =>
    new ApiError(503, 'KEY_VERIFICATION_UNAVAILABLE', 'API keys cannot be verified right now; retry shortly', {}, {
      'Retry-After': '1',
    }),
};
