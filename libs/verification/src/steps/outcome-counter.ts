import type { VerificationCode } from '@pxxl/contracts';

/** The outcomes counted per key and day (docs/limits.md, "Usage you can see"). */
export const COUNTED_OUTCOMES: ReadonlySet<VerificationCode> = new Set<VerificationCode>([
  'VALID',
  'RATE_LIMITED',
  'USAGE_EXHAUSTED',
  'IP_NOT_ALLOWED',
  'CLIENT_IP_REQUIRED',
  'REVOKED',
  'EXPIRED',
  'INSUFFICIENT_SCOPE',
]);

/**
 * Where the pipeline reports each verdict about a known key (a secret that
 * matched): counted in memory and written rolled up, never once per request.
 */
export interface OutcomeCounter {
  count(keyId: string, code: VerificationCode, at: number): void;
}
