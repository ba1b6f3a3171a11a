import { crc32 } from './crc32';
import { displayPrefix, formatToken, newKeyId, newSecret, parseToken, TOKEN_LENGTH, TOKEN_PATTERN } from './api-key-token';

describe('API key token format', () => {
  it('round-trips: a formatted token parses back to its key id and secret', () => {
    const keyId = newKeyId();
    const secret = newSecret();
    const token = formatToken(keyId, secret);
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect(token).toMatch(TOKEN_PATTERN);
    expect(parseToken(token)).toEqual({ ok: true, token: { keyId, secret } });
  });

  it('carries at least 160 bits of secret within bcrypt’s 72-byte limit', () => {
    const secret = newSecret();
    expect(secret.length * Math.log2(62)).toBeGreaterThanOrEqual(160);
    expect(Buffer.byteLength(secret)).toBeLessThanOrEqual(72);
  });

  it('rejects every single-character change by format or checksum', () => {
    const token = formatToken(newKeyId(), newSecret());
    for (let i = 0; i < token.length; i++) {
      const replacement = token[i] === 'a' ? 'b' : 'a';
      const changed = token.slice(0, i) + replacement + token.slice(i + 1);
      expect(parseToken(changed).ok).toBe(false);
    }
  });

  it('tells a bad checksum apart from a bad shape', () => {
    const token = formatToken(newKeyId(), newSecret());
    const lastSecretChar = TOKEN_LENGTH - 7;
    const swapped = token.slice(0, lastSecretChar) + (token[lastSecretChar] === 'Z' ? 'Y' : 'Z') + token.slice(lastSecretChar + 1);
    expect(parseToken(swapped)).toEqual({ ok: false, reason: 'CHECKSUM' });
    expect(parseToken('pxxl_short')).toEqual({ ok: false, reason: 'FORMAT' });
    expect(parseToken('x'.repeat(TOKEN_LENGTH))).toEqual({ ok: false, reason: 'FORMAT' });
    expect(parseToken(undefined as unknown as string)).toEqual({ ok: false, reason: 'FORMAT' });
  });

  it('computes the standard CRC-32 (check value of "123456789")', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
  });

  it('shows a display prefix that names the key but holds only 4 secret characters', () => {
    expect(displayPrefix('AbCdEfGh12345678', 'wxyz' + 'q'.repeat(28))).toBe('pxxl_AbCdEfGh12345678_wxyz');
  });

  it('generates distinct ids and secrets', () => {
    const ids = new Set(Array.from({ length: 1000 }, newKeyId));
    expect(ids.size).toBe(1000);
  });
});
