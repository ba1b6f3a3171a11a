import type { VerificationCode } from '@pxxl/contracts';

/** Verification outcomes per key and day, as the verification pipeline rolled them up (libs/verification). */
export interface KeyOutcomes {
  daily(keyId: string, fromDay: string): Promise<Array<{ day: string; counts: Partial<Record<VerificationCode, number>> }>>;
}

export const KEY_OUTCOMES = 'KEY_OUTCOMES';
