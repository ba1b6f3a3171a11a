import { missingScopes, type Verdict } from '@pxxl/contracts';

/**
 * The last step, pure and the only scope check: a VALID verdict for a key
 * that lacks a required scope becomes INSUFFICIENT_SCOPE, naming what is
 * missing; a resource-scoped grant covers only its resource. Runs on cached
 * and fresh verdicts alike, so one cached answer serves every scope set.
 */
export function checkScopes(verdict: Verdict, requiredScopes: readonly string[]): Verdict {
  if (!verdict.valid || requiredScopes.length === 0) return verdict;
  const missing = missingScopes(verdict.scopes, requiredScopes);
  return missing.length > 0 ? { valid: false, code: 'INSUFFICIENT_SCOPE', missingScopes: missing } : verdict;
}
