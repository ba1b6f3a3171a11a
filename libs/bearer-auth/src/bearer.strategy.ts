import { Inject, Injectable, Logger } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { VerifiedKey } from '@pxxl/contracts';
import { Strategy } from 'passport-http-bearer';
import { AuthErrors } from './auth-errors';
import { KEY_VERIFIER, type KeyVerifier } from './verification/key-verifier';
import { VerificationUnavailableError } from '@pxxl/verification';
import { isThrottled } from '@pxxl/contracts';

export const PXXL_BEARER = 'pxxl-bearer';

/**
 * passport-http-bearer, checking the presented key with the verification
 * pipeline, and the edge that turns its verdict into an answer: VALID passes,
 * a throttled verdict is a 429, any other a 401. An outage is a 503, never a
 * 401 (which would read as "your key is bad") and never a 200.
 */
@Injectable()
export class PxxlBearerStrategy extends PassportStrategy(Strategy, PXXL_BEARER) {
  private readonly logger = new Logger(PxxlBearerStrategy.name);

  constructor(@Inject(KEY_VERIFIER) private readonly verifier: KeyVerifier) {
    super({ passReqToCallback: true });
  }

  async validate(request: { ip?: string }, token: string): Promise<VerifiedKey> {
    let result;
    try {
      // The caller's address is both the throttle's source and what a key's IP allow-list is checked against.
      result = await this.verifier.verify(token, undefined, { source: request.ip, clientIp: request.ip, path: 'guard' });
    } catch (error) {
      if (!(error instanceof VerificationUnavailableError)) throw error;
      this.logger.warn({ msg: 'refused a request: keys cannot be verified', error: error.message });
      throw AuthErrors.unavailable();
    }
    if (isThrottled(result)) throw AuthErrors.throttled(result);
    switch (result.code) {
      case 'VALID':
        break;
      case 'RATE_LIMITED':
        throw AuthErrors.rateLimited(result.rateLimit);
      case 'USAGE_EXHAUSTED':
        throw AuthErrors.usageExhausted(result.usage);
      case 'IP_NOT_ALLOWED':
      case 'CLIENT_IP_REQUIRED':
        throw AuthErrors.ipNotAllowed();
      default:
        throw AuthErrors.unverified(result.code);
    }
    const { keyId, workspaceId, scopes, expiresAt } = result;
    return { keyId, workspaceId, scopes, expiresAt };
  }
}
