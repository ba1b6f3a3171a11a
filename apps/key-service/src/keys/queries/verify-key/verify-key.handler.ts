import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KEY_VERIFIER, type KeyVerifier } from '@pxxl/bearer-auth';
import { CLOCK, validateScopes, type Clock, type VerificationResult } from '@pxxl/contracts';
import { KeyErrors } from '../../domain/api-key.errors';
import { USAGE_RECORDER, type UsageRecorder } from '../../ports';
import { VerifyKeyQuery } from './verify-key.query';

@QueryHandler(VerifyKeyQuery)
export class VerifyKeyHandler implements IQueryHandler<VerifyKeyQuery, VerificationResult> {
  constructor(
    @Inject(KEY_VERIFIER) private readonly verifier: KeyVerifier,
    @Inject(USAGE_RECORDER) private readonly usage: UsageRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: VerifyKeyQuery): Promise<VerificationResult> {
    // A typo in a required scope is the caller's bug: say so rather than answer INSUFFICIENT_SCOPE forever.
    const { unknown } = validateScopes(query.requiredScopes);
    if (unknown.length > 0) throw KeyErrors.invalidScopes(unknown);
    const result = await this.verifier.verify(query.token, query.requiredScopes);
    if (result.valid) this.usage.record(result.keyId, this.clock.now());
    return result;
  }
}
