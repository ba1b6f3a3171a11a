import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SealedSecret } from '../ports/session-store.port';

/**
 * The cookie carries a random secret; the store keys the session by its
 * SHA-256 and seals the signing-in key with AES-256-GCM under a key derived
 * from the secret (HKDF). A copy of the store therefore holds neither a usable
 * session id nor a readable key; only the browser's cookie opens them.
 */
export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sessionIdOf(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison of two tokens (unequal lengths are simply unequal). */
export function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function sealingKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret), Buffer.from('pxxl-dashboard'), Buffer.from('sealed-key'), 32));
}

export function seal(secret: string, plaintext: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secret), iv);
  cipher.setAAD(Buffer.from(sessionIdOf(secret)));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64url'), tag: cipher.getAuthTag().toString('base64url'), data: data.toString('base64url') };
}

/** null when the secret does not open it (another session's, or tampered). */
export function unseal(secret: string, sealed: SealedSecret): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(secret), Buffer.from(sealed.iv, 'base64url'));
    decipher.setAAD(Buffer.from(sessionIdOf(secret)));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
