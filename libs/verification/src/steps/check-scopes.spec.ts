import type { Verdict } from '@pxxl/contracts';
import { checkScopes } from './check-scopes';

const VALID: Verdict = {
  valid: true,
  code: 'VALID',
  keyId: 'AbCdEfGh12345678',
  workspaceId: 'acme',
  scopes: ['cdn:read', 'cdn:upload:space-1'],
  expiresAt: null,
  validUntil: null,
  version: 3,
};

describe('checkScopes', () => {
  it('reports the missing scopes; a resource-scoped grant covers only its resource', () => {
    expect(checkScopes(VALID, ['cdn:read:space-9', 'cdn:upload:space-1'])).toBe(VALID);
    expect(checkScopes(VALID, ['cdn:upload:space-2', 'billing:read'])).toEqual({
      valid: false,
      code: 'INSUFFICIENT_SCOPE',
      missingScopes: ['cdn:upload:space-2', 'billing:read'],
    });
  });

  it('leaves a denial as it is, and a VALID verdict when nothing is required', () => {
    const revoked: Verdict = { valid: false, code: 'REVOKED' };
    expect(checkScopes(revoked, ['billing:read'])).toBe(revoked);
    expect(checkScopes(VALID, [])).toBe(VALID);
  });
});
