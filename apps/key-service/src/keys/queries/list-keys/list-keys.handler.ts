import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@pxxl/contracts';
import { CREDIT_BALANCE, KEY_READ_MODEL, type CreditBalance, type KeyReadModel } from '../../ports';
import { toKeySummary } from '../shared/key-summary';
import { decodeCursor, encodeCursor } from './key-cursor';
import { ListKeysQuery, type KeyPage } from './list-keys.query';

/** Newest first, cursor-paginated. */
@QueryHandler(ListKeysQuery)
export class ListKeysHandler implements IQueryHandler<ListKeysQuery, KeyPage> {
  constructor(
    @Inject(KEY_READ_MODEL) private readonly keys: KeyReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CREDIT_BALANCE) private readonly credits: CreditBalance,
  ) {}

  async execute(query: ListKeysQuery): Promise<KeyPage> {
    const now = this.clock.now();
    const views = await this.keys.list({
      workspaceId: query.workspaceId,
      statuses: query.statuses,
      owner: query.owner,
      after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
      limit: query.limit + 1,
      now,
    });
    const page = views.slice(0, query.limit);
    const last = page[page.length - 1];
    const remaining = await this.credits.remaining(page, now);
    return {
      items: page.map((view) => toKeySummary(view, now, remaining.get(view._id))),
      nextCursor: views.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, keyId: last._id }) : null,
    };
  }
}
