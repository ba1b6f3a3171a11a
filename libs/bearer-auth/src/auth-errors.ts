import type { ThrottledVerdict } from '@pxxl/contracts';
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
