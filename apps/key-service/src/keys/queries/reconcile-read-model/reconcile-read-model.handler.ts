import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, KEY_READ_MODEL, type EventStore, type KeyReadModel } from '../../ports';
import { ReconcileReadModelQuery, type ReadModelDifferences } from './reconcile-read-model.query';

@QueryHandler(ReconcileReadModelQuery)
export class ReconcileReadModelHandler implements IQueryHandler<ReconcileReadModelQuery, ReadModelDifferences> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_READ_MODEL) private readonly views: KeyReadModel,
  ) {}

  async execute(): Promise<ReadModelDifferences> {
    const stored = new Map<string, number>();
    let checkedEvents = 0;
    let unpublished = 0;
    for await (const head of this.store.scanHeads()) {
      checkedEvents++;
      if (!head.published) unpublished++;
      if (head.keyId === null) continue; // a workspace policy event: no view to compare with
      stored.set(head.keyId, Math.max(stored.get(head.keyId) ?? 0, head.version));
    }
    const projected = await this.views.versions();
    const behind: ReadModelDifferences['behind'] = [];
    const unexpected: ReadModelDifferences['unexpected'] = [];
    for (const [keyId, eventStore] of stored) {
      const readModel = projected.get(keyId) ?? 0;
      if (readModel < eventStore) behind.push({ keyId, eventStore, readModel });
      if (readModel > eventStore) unexpected.push({ keyId, eventStore, readModel });
    }
    for (const [keyId, readModel] of projected) if (!stored.has(keyId)) unexpected.push({ keyId, eventStore: 0, readModel });
    return { checkedKeys: stored.size, checkedEvents, behind, unexpected, unpublished };
  }
}
