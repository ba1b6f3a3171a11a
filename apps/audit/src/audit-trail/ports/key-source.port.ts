import type { ReviewKey } from '../domain/review-report';

/** A workspace's keys as verification sees them (the read model, with their usage), for the review report. */
export interface KeySource {
  keysOf(workspaceId: string): Promise<ReviewKey[]>;
}

export const KEY_SOURCE = 'KEY_SOURCE';
