import type { KeyView } from '@pxxl/key-read-model';

/** What is left of keys' usage quotas in their current period (libs/verification's credit ledger). */
export interface CreditBalance {
  /** keyId → credits not yet handed to any instance, for the keys that have a quota. */
  remaining(views: KeyView[], now: Date): Promise<Map<string, number>>;
}

export const CREDIT_BALANCE = 'CREDIT_BALANCE';
