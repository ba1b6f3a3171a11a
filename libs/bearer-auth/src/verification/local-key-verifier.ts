import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CLOCK, newSecret, parseToken, type Clock, type VerificationResult } from '@pxxl/contracts';
import { KeyViewReader } from '@pxxl/key-read-model';
import * as bcrypt from 'bcrypt';
import { evaluateKey, type SecretMatch } from './evaluate-key';
import type { KeyVerifier } from './key-verifier';

export const BCRYPT_COST = 'BCRYPT_COST';

/**
 * Verification against the MongoDB read model, for the key service itself and
 * for services inside the trust boundary. A malformed token is refused before
 * any read; an unknown key id still pays one bcrypt comparison (against a
 * dummy hash of the configured cost), so it looks like a wrong secret.
 */
@Injectable()
export class LocalKeyVerifier implements KeyVerifier, OnModuleInit {
  private dummyHash = '';

  constructor(
    private readonly reader: KeyViewReader,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(BCRYPT_COST) private readonly bcryptCost: number,
  ) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await bcrypt.hash(newSecret(), this.bcryptCost);
  }

  /** The key's version in the read model (0: unknown): one `_id` read, no bcrypt. */
  versionOf(keyId: string): Promise<number> {
    return this.reader.versionOf(keyId);
  }

  async verify(token: string, requiredScopes: readonly string[] = []): Promise<VerificationResult> {
    const parsed = parseToken(token);
    if (!parsed.ok) return { valid: false, code: 'MALFORMED' };
    const { keyId, secret } = parsed.token;
    const view = await this.reader.findById(keyId);
    if (view === null) {
      await bcrypt.compare(secret, this.dummyHash);
      return { valid: false, code: 'NOT_FOUND' };
    }
    const now = this.clock.now();
    let match: SecretMatch = 'none';
    if (await bcrypt.compare(secret, view.secretHash)) {
      match = 'current';
    } else if (view.previousSecretHash && view.previousSecretValidUntil && view.previousSecretValidUntil > now) {
      if (await bcrypt.compare(secret, view.previousSecretHash)) match = 'previous';
    }
    return evaluateKey(view, match, now, requiredScopes);
  }
}
