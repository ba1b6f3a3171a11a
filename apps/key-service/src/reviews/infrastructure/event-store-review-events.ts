import { Inject, Injectable } from '@nestjs/common';
import { isReviewEvent, reviewStreamId, type ReviewEvent } from '@pxxl/contracts';
import { EVENT_PUBLISHER, EVENT_STORE, type EventPublisher, type EventStore } from '../../keys';
import type { ReviewEventStore } from '../ports';

/** A review's stream, in the same event store and outbox as the keys. */
@Injectable()
export class EventStoreReviewEvents implements ReviewEventStore {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
  ) {}

  async load(reviewId: string): Promise<ReviewEvent[]> {
    return (await this.store.load(reviewStreamId(reviewId))).filter(isReviewEvent);
  }

  append(events: ReviewEvent[]): Promise<void> {
    return this.store.append(events);
  }

  publish(events: ReviewEvent[]): Promise<void> {
    return this.publisher.publish(events);
  }
}
