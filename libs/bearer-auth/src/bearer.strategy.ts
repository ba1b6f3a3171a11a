import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { VerifiedKey } from '@pxxl/contracts';
import { Strategy } from 'passport-http-bearer';
import { AuthErrors } from './auth-errors';
import { KEY_VERIFIER, type KeyVerifier } from './verification/key-verifier';

export const PXXL_BEARER = 'pxxl-bearer';

/** passport-http-bearer, checking the presented key with the configured KeyVerifier. */
@Injectable()
export class PxxlBearerStrategy extends PassportStrategy(Strategy, PXXL_BEARER) {
  constructor(@Inject(KEY_VERIFIER) private readonly verifier: KeyVerifier) {
    super();
  }

  async validate(token: string): Promise<VerifiedKey> {
    const result = await this.verifier.verify(token);
    switch (result.code) {
      case 'VALID': {
        const { keyId, workspaceId, scopes, expiresAt } = result;
        return { keyId, workspaceId, scopes, expiresAt };
      }
      case 'MALFORMED':
        throw AuthErrors.invalid('MALFORMED_TOKEN', 'the key is not a well-formed Pxxl key');
      case 'REVOKED':
        throw AuthErrors.invalid('TOKEN_REVOKED', 'the key has been revoked');
      case 'EXPIRED':
        throw AuthErrors.invalid('TOKEN_EXPIRED', 'the key has expired');
      default:
        throw AuthErrors.invalid('INVALID_TOKEN', 'the key is not valid');
    }
  }
}
