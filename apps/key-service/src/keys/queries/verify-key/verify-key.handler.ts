import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KEY_VERIFIER, type KeyVerifier } from '@pxxl/bearer-auth';
import type { VerificationResult } from '@pxxl/contracts';
import { VerifyKeyQuery } from './verify-key.query';

@QueryHandler(VerifyKeyQuery)
export class VerifyKeyHandler implements IQueryHandler<VerifyKeyQuery, VerificationResult> {
  constructor(@Inject(KEY_VERIFIER) private readonly verifier: KeyVerifier) {}

  execute(query: VerifyKeyQuery): Promise<VerificationResult> {
    return this.verifier.verify(query.token, query.requiredScopes);
  }
}
