import type { VerificationResult } from '@pxxl/contracts';

/** Verifies a presented token. Expected outcomes are results; only broken infrastructure throws. */
export interface KeyVerifier {
  verify(token: string, requiredScopes?: readonly string[]): Promise<VerificationResult>;
}

export const KEY_VERIFIER = 'KEY_VERIFIER';
