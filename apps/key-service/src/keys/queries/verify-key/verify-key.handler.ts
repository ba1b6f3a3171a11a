import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KEY_VERIFIER, type KeyVerifier } from '@pxxl/bearer-auth';
import { CLOCK, type Clock, type VerificationResult } from '@pxxl/contracts';
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
    const result = await this.verifier.verify(query.token, query.requiredScopes);
    if (result.valid) this.usage.record(result.keyId, this.clock.now());
    return result;
  }
}
