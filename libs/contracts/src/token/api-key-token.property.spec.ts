import fc from 'fast-check';
import { BASE62_ALPHABET } from './base62';
import { formatToken, KEY_ID_LENGTH, parseToken, SECRET_LENGTH, TOKEN_LENGTH } from './api-key-token';

const base62 = (length: number) => fc.string({ unit: fc.constantFrom(...BASE62_ALPHABET.split('')), minLength: length, maxLength: length });

describe('token format (property-based)', () => {
  it('parses every generated token back to its key id and secret', () => {
    fc.assert(
      fc.property(base62(KEY_ID_LENGTH), base62(SECRET_LENGTH), (keyId, secret) => {
        expect(parseToken(formatToken(keyId, secret))).toEqual({ ok: true, token: { keyId, secret } });
      }),
    );
  });

  it('rejects every single-character change of a valid token', () => {
    const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(base62(KEY_ID_LENGTH), base62(SECRET_LENGTH), fc.nat(TOKEN_LENGTH - 1), printable, (keyId, secret, at, replacement) => {
        const token = formatToken(keyId, secret);
        fc.pre(token[at] !== replacement);
        const changed = token.slice(0, at) + replacement + token.slice(at + 1);
        expect(parseToken(changed).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts arbitrary strings, and never throws on them', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (input) => {
        const result = parseToken(input);
        if (result.ok) expect(formatToken(result.token.keyId, result.token.secret)).toBe(input);
      }),
      { numRuns: 5000 },
    );
  });
});
