import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, validateScopes, type Clock, type Verdict } from '@pxxl/contracts';
import { KeyErrors } from '../../domain/api-key.errors';
import { KEY_VERIFICATION, USAGE_RECORDER, type KeyVerification, type UsageRecorder } from '../../ports';
import { VerifyKeyQuery } from './verify-key.query';

/** POST /v1/verify: the pipeline's verdict, and a VALID one's use recorded (batched, off the answer's path). */
@QueryHandler(VerifyKeyQuery)
export class VerifyKeyHandler implements IQueryHandler<VerifyKeyQuery, Verdict> {
  constructor(
    @Inject(KEY_VERIFICATION) private readonly verifier: KeyVerification,
    @Inject(USAGE_RECORDER) private readonly usage: UsageRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: VerifyKeyQuery): Promise<Verdict> {
    // A typo in a required scope is the caller's bug: say so rather than answer INSUFFICIENT_SCOPE forever.
    const { unknown } = validateScopes(query.requiredScopes);
    if (unknown.length > 0) throw KeyErrors.invalidScopes(unknown);
    const verdict = await this.verifier.verify(query.token, query.requiredScopes, { source: query.source, clientIp: query.clientIp, path: 'http' });
    if (verdict.valid) this.usage.record(verdict.keyId, this.clock.now());
    return verdict;
  }
}
