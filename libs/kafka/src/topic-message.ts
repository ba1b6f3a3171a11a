import { messageKeyOf, type PublishedEvent } from '@pxxl/contracts';
import type { IHeaders, Message } from 'kafkajs';

/** How every event goes on the key topic: keyed for per-key (or per-workspace) order, typed in headers. */
export function topicMessage(event: PublishedEvent): Message {
  return {
    key: messageKeyOf(event),
    value: JSON.stringify(event),
    headers: { 'event-type': event.type, 'schema-version': String(event.schemaVersion), 'event-id': event.eventId },
  };
}

/** The W3C `traceparent` a message carries (the outbox relay sets it when tracing is on). */
export function traceparentHeader(message: { headers?: IHeaders }): string | undefined {
  const value = message.headers?.traceparent;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
