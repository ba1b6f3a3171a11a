import { createHmac, randomBytes } from 'node:crypto';

/**
 * Cache keys are HMAC-SHA256 of the token under a key drawn at process start
 * and never stored: a heap dump shows neither tokens nor anything that can be
 * checked against a guessed token offline.
 */
export class TokenHasher {
  private readonly key = randomBytes(32);

  hash(token: string): string {
    return createHmac('sha256', this.key).update(token).digest('base64url');
  }
}
