import { encodeUint32Base62, randomBase62 } from './base62';
import { crc32 } from './crc32';

/**
 * Token format (GitHub's token format is the model):
 *
 *   pxxl_<keyId: 16 base62>_<secret: 32 base62><checksum: 6 base62>
 *
 * - `keyId` is public: it names the key in URLs, events and logs, and lets
 *   verification find the key with one `_id` lookup.
 * - `secret` carries 32 * log2(62) ≈ 190 bits from the CSPRNG and is the only
 *   part that is bcrypt-hashed (32 bytes, well inside bcrypt's 72-byte limit).
 * - `checksum` is CRC-32 of everything before it, base62, so a scanner can
 *   reject garbage offline and verification rejects typos without a database read.
 */
export const TOKEN_PREFIX = 'pxxl_';
export const KEY_ID_LENGTH = 16;
export const SECRET_LENGTH = 32;
export const CHECKSUM_LENGTH = 6;
/** Characters of the secret shown in listings: enough to recognise a key, far too few to use it. */
export const DISPLAY_SECRET_CHARS = 4;

export const TOKEN_LENGTH = TOKEN_PREFIX.length + KEY_ID_LENGTH + 1 + SECRET_LENGTH + CHECKSUM_LENGTH;
/** For secret scanners: the whole token, anchored on word boundaries. */
export const TOKEN_PATTERN = /\bpxxl_[0-9A-Za-z]{16}_[0-9A-Za-z]{38}\b/;
const TOKEN_SHAPE = /^pxxl_([0-9A-Za-z]{16})_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;
/** A key id, as routes take it in their path (the OpenAPI `{id}` pattern too). */
export const KEY_ID_SHAPE = /^[0-9A-Za-z]{16}$/;

export interface ParsedToken {
  keyId: string;
  secret: string;
}

export type TokenParseResult = { ok: true; token: ParsedToken } | { ok: false; reason: 'FORMAT' | 'CHECKSUM' };

export function isKeyId(value: unknown): value is string {
  return typeof value === 'string' && KEY_ID_SHAPE.test(value);
}

export function newKeyId(): string {
  return randomBase62(KEY_ID_LENGTH);
}

export function newSecret(): string {
  return randomBase62(SECRET_LENGTH);
}

function checksumOf(body: string): string {
  return encodeUint32Base62(crc32(body), CHECKSUM_LENGTH);
}

export function formatToken(keyId: string, secret: string): string {
  const body = `${TOKEN_PREFIX}${keyId}_${secret}`;
  return body + checksumOf(body);
}

/** Pure and allocation-light: runs before any I/O on every verification. */
export function parseToken(token: string): TokenParseResult {
  if (typeof token !== 'string' || token.length !== TOKEN_LENGTH) return { ok: false, reason: 'FORMAT' };
  const match = TOKEN_SHAPE.exec(token);
  if (!match) return { ok: false, reason: 'FORMAT' };
  const body = token.slice(0, TOKEN_LENGTH - CHECKSUM_LENGTH);
  if (checksumOf(body) !== match[3]) return { ok: false, reason: 'CHECKSUM' };
  return { ok: true, token: { keyId: match[1], secret: match[2] } };
}

/** `pxxl_<keyId>_<first 4 secret chars>…`: what listings and the dashboard show. */
export function displayPrefix(keyId: string, secret: string): string {
  return `${TOKEN_PREFIX}${keyId}_${secret.slice(0, DISPLAY_SECRET_CHARS)}`;
}
