import { Inject, Injectable } from '@nestjs/common';
import { streamIdOf, type StreamEvent } from '@pxxl/contracts';
import { KafkaClient, topicMessage } from '@pxxl/kafka';
import { MongoEventStore } from './mongo-event-store';
import { OUTBOX_RELAY_SETTINGS, OutboxRelay, type OutboxRelaySettings } from './outbox-relay';
import { storedEventId } from './stored-event.schema';
import { inTopicOrder } from './topic-order';

/**
 * The event outbox: stored events not yet marked published (`publishedAt`
 * null), relayed to the key topic (message key = keyId, or `workspace:<id>`
 * for workspace events). `publish` resolves once the events are on the
 * topic and never rejects. Per-stream order holds across instances: before
 * version N of a key (or a workspace policy) goes out, version N-1 must be
 * on the topic; if it is not (its instance crashed), it goes first
 * (topic-order.ts).
 */
@Injectable()
export class EventOutbox extends OutboxRelay<StreamEvent> {
  constructor(store: MongoEventStore, kafka: KafkaClient, @Inject(OUTBOX_RELAY_SETTINGS) settings: OutboxRelaySettings) {
    super(
      {
        name: EventOutbox.name,
        idOf: (event) => storedEventId(streamIdOf(event), event.version),
        unpublished: (minAgeMs) => store.unpublished(minAgeMs),
        inTopicOrder: (batch, sentLately) => inTopicOrder(batch, { unpublished: (id) => store.unpublishedEvent(id), sentLately }),
        message: topicMessage,
        traceparentOf: (event) => store.traceparentOf(event),
        markPublished: (events) => store.markPublished(events),
      },
      kafka,
      settings,
    );
  }
}
