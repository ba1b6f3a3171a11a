import { Inject, Injectable } from '@nestjs/common';
import type { ReviewEvent } from '@pxxl/contracts';
import { randomUUID } from 'node:crypto';
import { evolveReview, type DecidedReviewEvent, type ReviewState } from '../../domain/review';
import { ReviewLoader } from '../../queries/shared/review-loader';
import { REVIEW_EVENT_STORE, type ReviewEventStore } from '../../ports';

/** How long an answer waits for the topic before it goes on (the relay keeps publishing). */
const PUBLISH_BOUND_MS = 2000;

export interface ReviewContext {
  reviewId: string;
  workspaceId: string;
  actor: string;
  now: Date;
}

/** Load a review's stream and fold it; record decided events after the version they were decided on. */
@Injectable()
export class ReviewRecording {
  constructor(
    @Inject(REVIEW_EVENT_STORE) private readonly store: ReviewEventStore,
    private readonly loader: ReviewLoader,
  ) {}

  /** Another workspace's review answers like a missing one. */
  load(workspaceId: string, reviewId: string): Promise<ReviewState> {
    return this.loader.load(workspaceId, reviewId);
  }

  /** Appends on top of `state.version` (the optimistic-concurrency check), publishes within a bound, returns the new state. */
  async record(state: ReviewState, decided: DecidedReviewEvent[], context: ReviewContext): Promise<ReviewState> {
    if (decided.length === 0) return state;
    const events = decided.map(
      (event, index) =>
        ({
          eventId: randomUUID(),
          type: event.type,
          schemaVersion: 1,
          reviewId: context.reviewId,
          workspaceId: context.workspaceId,
          version: state.version + index + 1,
          occurredAt: context.now.toISOString(),
          actor: context.actor,
          data: event.data,
        }) as ReviewEvent,
    );
    await this.store.append(events);
    await Promise.race([this.store.publish(events), new Promise((resolve) => setTimeout(resolve, PUBLISH_BOUND_MS).unref())]);
    return events.reduce(evolveReview, state);
  }
}
