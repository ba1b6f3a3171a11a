import type { StreamEvent } from '@pxxl/contracts';

/** Publishes stored events to the key topic (the outbox relay). */
export interface EventPublisher {
  /** Resolves once the events are on the topic; keeps retrying in the background if that takes long. */
  publish(events: StreamEvent[]): Promise<void>;
}

export const EVENT_PUBLISHER = 'EVENT_PUBLISHER';
