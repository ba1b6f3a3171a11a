import { messageKeyOf, type PublishedEvent } from '@pxxl/contracts';
import type { Message } from 'kafkajs';

/** How every event goes on the key topic: keyed for per-key (or per-workspace) order, typed in headers. */
export function topicMessage(event: PublishedEvent): Message {
  return {
    key: messageKeyOf(event),
    value: JSON.stringify(event),
    headers: { 'event-type': event.type, 'schema-version': String(event.schemaVersion), 'event-id': event.eventId },
  };
}
