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
 * stream that are not yet on the topic: those later in the same batch (a
 * sweep may queue another instance's version N-1 behind this relay's own N,
 * while a broker outage holds both back) and those stored but unpublished
 * (their instance crashed or is stuck), walking back until a version already
 * placed, sent lately, published or absent. Every event goes out once. The
 * only I/O, the lookup of a predecessor, is passed in.
 */
export async function inTopicOrder(batch: StreamEvent[], facts: TopicOrderFacts): Promise<StreamEvent[]> {
  const inBatch = new Map(batch.map((event) => [idOf(event), event]));
  const ordered: StreamEvent[] = [];
  const placed = new Set<string>();
  for (const event of batch) {
    if (placed.has(idOf(event))) continue; // went out ahead of its successor
    const missing: StreamEvent[] = [];
    for (let version = event.version - 1; version >= 1; version--) {
      const id = storedEventId(streamIdOf(event), version);
      if (placed.has(id)) break;
      const later = inBatch.get(id);
      if (later) {
        missing.unshift(later);
        continue;
      }
      if (facts.sentLately(id)) break;
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
