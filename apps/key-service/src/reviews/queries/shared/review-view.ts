import type { ReviewedKeySnapshot, ReviewKeyView, ReviewSummaryView, ReviewView } from '@pxxl/contracts';
import { isDone, type RecordedDecision, type ReviewState } from '../../domain/review';
import type { CurrentKey } from '../../ports';

export type { ReviewKeyView, ReviewSummaryView, ReviewView };

export function toReviewSummary(state: ReviewState): ReviewSummaryView {
  return {
    id: state.reviewId,
    workspaceId: state.workspaceId,
    title: state.title,
    dueAt: state.dueAt,
    owner: state.owner,
    scope: state.scope,
    status: state.signOff ? 'signed-off' : 'open',
    openedAt: state.openedAt,
    openedBy: state.openedBy,
    version: state.version,
    progress: {
      keys: state.items.length,
      decided: state.items.filter((item) => item.decision !== null).length,
      done: state.items.filter(isDone).length,
    },
    signOff: state.signOff && { by: state.signOff.by, at: state.signOff.at, checkpoint: state.signOff.checkpoint },
  };
}

export function toReviewView(state: ReviewState, current: Map<string, CurrentKey>, newSinceOpened: ReviewedKeySnapshot[]): ReviewView {
  return {
    ...toReviewSummary(state),
    keys: state.items.map((item) => {
      const now = current.get(item.key.keyId);
      const { keyId: _keyId, ...decision } = item.decision ?? ({} as RecordedDecision);
      return {
        keyId: item.key.keyId,
        name: now?.name ?? item.key.name,
        owner: now ? now.owner : item.key.owner,
        scopes: now?.scopes ?? item.key.scopes,
        lastUsedAt: now ? now.lastUsedAt : item.key.lastUsedAt,
        expiresAt: now ? now.expiresAt : item.key.expiresAt,
        status: now?.status ?? 'missing',
        snapshot: item.key,
        decision: item.decision ? decision : null,
        done: isDone(item),
        followUp: item.applied && {
          eventId: item.applied.followUpEventId,
          type: item.applied.followUpEventType,
          keyVersion: item.applied.keyVersion,
          appliedAt: item.applied.appliedAt,
        },
      };
    }),
    newSinceOpened,
  };
}
