import { Query } from '@nestjs/cqrs';

export interface ReadModelDifferences {
  checkedKeys: number;
  checkedEvents: number;
  /** Keys whose read-model version is behind the event store (projection lagging or lost). */
  behind: Array<{ keyId: string; eventStore: number; readModel: number }>;
  /** Keys in the read model the event store does not know, or ahead of it (tampering or a foreign writer). */
  unexpected: Array<{ keyId: string; eventStore: number; readModel: number }>;
  /** Stored events not yet on the topic. */
  unpublished: number;
}

/** Compares the verification read model with the event store, key by key. */
export class ReconcileReadModelQuery extends Query<ReadModelDifferences> {}
