import { Inject, Injectable, Logger } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { VerifiedKey } from '@pxxl/contracts';
import { Strategy } from 'passport-http-bearer';
import { AuthErrors } from './auth-errors';
import { TooManyAttemptsError } from './throttle/too-many-attempts.error';
import { KEY_VERIFIER, type KeyVerifier } from './verification/key-verifier';
import { VerificationUnavailableError } from './verification/verification-unavailable.error';

export const PXXL_BEARER = 'pxxl-bearer';

/**
 * passport-http-bearer, checking the presented key with the configured
 * KeyVerifier. An outage is a 503, never a 401 (which would read as "your key
 * is bad") and never a 200.
 */
@Injectable()
export class PxxlBearerStrategy extends PassportStrategy(Strategy, PXXL_BEARER) {
  private readonly logger = new Logger(PxxlBearerStrategy.name);

  constructor(@Inject(KEY_VERIFIER) private readonly verifier: KeyVerifier) {
    super();
  }

  async validate(token: string): Promise<VerifiedKey> {
    let result;
    try {
      result = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof TooManyAttemptsError) throw AuthErrors.tooManyAttempts(error.retryAfterMs);
      if (!(error instanceof VerificationUnavailableError)) throw error;
      this.logger.warn({ msg: 'refused a request: keys cannot be verified', error: error.message });
      throw AuthErrors.unavailable();
    }
    if (result.code !== 'VALID') throw AuthErrors.unverified(result.code);
    const { keyId, workspaceId, scopes, expiresAt } = result;
    return { keyId, workspaceId, scopes, expiresAt };
  }
}
