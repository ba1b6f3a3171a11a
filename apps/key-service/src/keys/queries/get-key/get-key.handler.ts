import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@pxxl/contracts';
import { KeyErrors } from '../../domain/api-key.errors';
import { CREDIT_BALANCE, KEY_READ_MODEL, type CreditBalance, type KeyReadModel } from '../../ports';
import { toKeySummary, type KeySummary } from '../shared/key-summary';
import { GetKeyQuery } from './get-key.query';

@QueryHandler(GetKeyQuery)
export class GetKeyHandler implements IQueryHandler<GetKeyQuery, KeySummary> {
  constructor(
    @Inject(KEY_READ_MODEL) private readonly keys: KeyReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CREDIT_BALANCE) private readonly credits: CreditBalance,
  ) {}

  async execute(query: GetKeyQuery): Promise<KeySummary> {
    const view = await this.keys.get(query.keyId);
    // Another workspace's key is indistinguishable from a missing one.
    if (view === null || view.workspaceId !== query.workspaceId) throw KeyErrors.notFound(query.keyId);
    const now = this.clock.now();
    return toKeySummary(view, now, (await this.credits.remaining([view], now)).get(view._id));
  }
}
