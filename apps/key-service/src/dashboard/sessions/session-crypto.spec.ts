import { newSessionSecret, sameToken, seal, sessionIdOf, unseal } from './session-crypto';

describe('session crypto', () => {
  it('opens a sealed key with the same cookie secret only', () => {
    const secret = newSessionSecret();
    const sealed = seal(secret, 'pxxl_key_secret');
    expect(JSON.stringify(sealed)).not.toContain('pxxl_key_secret');
    expect(unseal(secret, sealed)).toBe('pxxl_key_secret');
    expect(unseal(newSessionSecret(), sealed)).toBeNull();
  });

  it('refuses a tampered seal', () => {
    const secret = newSessionSecret();
    const sealed = seal(secret, 'pxxl_key_secret');
    const data = Buffer.from(sealed.data, 'base64url');
    data[0] ^= 1;
    expect(unseal(secret, { ...sealed, data: data.toString('base64url') })).toBeNull();
  });

  it('stores a session under a hash of the secret, not the secret', () => {
    const secret = newSessionSecret();
    expect(sessionIdOf(secret)).not.toBe(secret);
    expect(sessionIdOf(secret)).toBe(sessionIdOf(secret));
  });

  it('compares tokens exactly', () => {
    expect(sameToken('abc', 'abc')).toBe(true);
    expect(sameToken('abd', 'abc')).toBe(false);
    expect(sameToken('ab', 'abc')).toBe(false);
    expect(sameToken(undefined, 'abc')).toBe(false);
  });
});
