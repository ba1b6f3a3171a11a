import { compareSecret, type SecretComparer } from './compare-secret';
import type { VerifiableKey } from './read-key';

const NOW = new Date('2026-03-01T00:00:00.000Z');

/** Hashes are the secret itself prefixed with `h:`; the comparer counts its comparisons. */
class PlainComparer implements SecretComparer {
  comparisons = 0;
  async matches(secret: string, hash: string): Promise<boolean> {
    this.comparisons++;
    return hash === `h:${secret}`;
  }
  async spendOne(): Promise<void> {
    this.comparisons++;
  }
}

const key = (overrides: Partial<VerifiableKey> = {}): VerifiableKey => ({
  _id: 'AbCdEfGh12345678',
  workspaceId: 'acme',
  scopes: [],
  status: 'active',
  expiresAt: null,
  secretHash: 'h:new',
  previousSecretHash: 'h:old',
  previousSecretValidUntil: new Date(NOW.getTime() + 1000),
  version: 2,
  ...overrides,
});

describe('compareSecret', () => {
  it('given the current secret, matches it with one comparison', async () => {
    const comparer = new PlainComparer();
    expect(await compareSecret('new', key(), NOW, comparer)).toBe('current');
    expect(comparer.comparisons).toBe(1);
  });

  it('given a rotated-out secret, matches it until its grace deadline, and not after', async () => {
    expect(await compareSecret('old', key(), NOW, new PlainComparer())).toBe('previous');
    const afterGrace = new PlainComparer();
    expect(await compareSecret('old', key(), new Date(NOW.getTime() + 1000), afterGrace)).toBe('none');
    // Past the deadline the old hash is not even compared.
    expect(afterGrace.comparisons).toBe(1);
  });

  it('given a wrong secret, or a key never rotated, matches nothing', async () => {
    expect(await compareSecret('guess', key(), NOW, new PlainComparer())).toBe('none');
    const neverRotated = new PlainComparer();
    expect(await compareSecret('old', key({ previousSecretHash: null, previousSecretValidUntil: null }), NOW, neverRotated)).toBe('none');
    expect(neverRotated.comparisons).toBe(1);
  });
});
