import { streamIdOf, type StreamEvent } from '@pxxl/contracts';
import { storedEventId } from './stored-event.schema';

export interface TopicOrderFacts {
  /** The stored event of this `_id` if it is not yet on the topic; null when published or absent. */
  unpublished(id: string): Promise<StreamEvent | null>;
  /** true when this relay put the event of this `_id` on the topic lately (no lookup needed). */
  sentLately(id: string): boolean;
}

const idOf = (event: StreamEvent) => storedEventId(streamIdOf(event), event.version);

/**
 * The batch as it must go on the topic: version N-1 of a stream before N,
 * across instances. Each event is preceded by the earlier versions of its
 * stream that are stored but not yet on the topic (their instance crashed),
 * walking back until a version that is in the batch, already placed, sent
 * lately, published or absent. Every event goes out once. The only I/O, the
 * lookup of a predecessor, is passed in.
 */
export async function inTopicOrder(batch: StreamEvent[], facts: TopicOrderFacts): Promise<StreamEvent[]> {
  const inBatch = new Set(batch.map(idOf));
  const ordered: StreamEvent[] = [];
  const placed = new Set<string>();
  for (const event of batch) {
    const missing: StreamEvent[] = [];
    for (let version = event.version - 1; version >= 1; version--) {
      const id = storedEventId(streamIdOf(event), version);
      if (inBatch.has(id) || placed.has(id) || facts.sentLately(id)) break;
      const earlier = await facts.unpublished(id);
      if (!earlier) break;
      missing.unshift(earlier);
    }
    for (const e of [...missing, event]) {
      if (placed.has(idOf(e))) continue;
      placed.add(idOf(e));
      ordered.push(e);
    }
  }
  return ordered;
}
