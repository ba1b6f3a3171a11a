import { evaluateKey } from './evaluate-key';
import type { VerifiableKey } from './read-key';

const NOW = new Date('2026-03-01T00:00:00.000Z');
const key = (overrides: Partial<VerifiableKey> = {}): VerifiableKey => ({
  _id: 'AbCdEfGh12345678',
  workspaceId: 'acme',
  scopes: ['cdn:read', 'cdn:upload:space-1'],
  status: 'active',
  expiresAt: new Date('2026-04-01T00:00:00.000Z'),
  secretHash: '$2b$04$current',
  previousSecretHash: null,
  previousSecretValidUntil: null,
  version: 3,
  ...overrides,
});

describe('evaluateKey', () => {
  it('answers VALID with the key’s id, workspace, scopes, expiry and the version it saw', () => {
    expect(evaluateKey(key(), 'current', NOW)).toEqual({
      valid: true,
      code: 'VALID',
      keyId: 'AbCdEfGh12345678',
      workspaceId: 'acme',
      scopes: ['cdn:read', 'cdn:upload:space-1'],
      expiresAt: '2026-04-01T00:00:00.000Z',
      validUntil: '2026-04-01T00:00:00.000Z',
      version: 3,
    });
  });

  it('says a VALID answer for a rotated-out secret holds only until the grace deadline', () => {
    const graceEnd = new Date(NOW.getTime() + 60_000);
    const rotated = key({ previousSecretValidUntil: graceEnd });
    expect(evaluateKey(rotated, 'previous', NOW)).toMatchObject({ code: 'VALID', validUntil: graceEnd.toISOString() });
    expect(evaluateKey(rotated, 'current', NOW)).toMatchObject({ code: 'VALID', validUntil: '2026-04-01T00:00:00.000Z' });
    expect(evaluateKey(key({ expiresAt: null }), 'current', NOW)).toMatchObject({ code: 'VALID', validUntil: null });
  });

  it('answers NOT_FOUND alike for an unknown key and a wrong secret', () => {
    expect(evaluateKey(null, 'none', NOW)).toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(evaluateKey(key(), 'none', NOW)).toEqual({ valid: false, code: 'NOT_FOUND' });
  });

  it('reveals REVOKED and EXPIRED only to the holder of the right secret', () => {
    expect(evaluateKey(key({ status: 'revoked' }), 'current', NOW).code).toBe('REVOKED');
    expect(evaluateKey(key({ status: 'revoked' }), 'none', NOW).code).toBe('NOT_FOUND');
    expect(evaluateKey(key({ expiresAt: NOW }), 'current', NOW).code).toBe('EXPIRED');
  });
});
