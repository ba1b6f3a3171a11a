/** The outcomes a key's usage report counts, in the order it lists them. */
export const USAGE_OUTCOMES = ['VALID', 'RATE_LIMITED', 'USAGE_EXHAUSTED', 'IP_NOT_ALLOWED', 'CLIENT_IP_REQUIRED', 'REVOKED', 'EXPIRED', 'INSUFFICIENT_SCOPE'] as const;
export type UsageOutcome = (typeof USAGE_OUTCOMES)[number];

export type KeyUsageDay = { day: string } & Record<UsageOutcome, number>;

export interface KeyUsageReport {
  keyId: string;
  /** Oldest first, one entry per UTC day, zeros included. */
  days: KeyUsageDay[];
  totals: Record<UsageOutcome, number>;
}
