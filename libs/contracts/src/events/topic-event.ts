import type { KeyBrowserUseRefusedV1 } from './key-browser-use-refused.v1';
import { KEY_EVENT_TYPES, type KeyEvent } from './key-event';
import type { WorkspacePolicyChangedV1 } from './workspace-policy-changed.v1';
import { isReviewEvent, reviewedKeyOf, reviewStreamId, type ReviewEvent } from './review-event';
import type { WorkspacePolicyChangedV2 } from './workspace-policy-changed.v2';

/** Signals about a key that are not part of its event stream (they change no state). */
export type KeySignal = KeyBrowserUseRefusedV1;
/** Events of the workspace policy aggregate, in their current shape (what parseKeyEvent yields). */
export type WorkspaceEvent = WorkspacePolicyChangedV2;
/** A workspace event as the event store keeps it: the version it was written in (upcastWorkspacePolicyChanged). */
export type StoredWorkspaceEvent = WorkspacePolicyChangedV1 | WorkspacePolicyChangedV2;
/** Everything that is stored in the event store: a key's, a workspace policy's or a review's events. */
export type StreamEvent = KeyEvent | StoredWorkspaceEvent | ReviewEvent;
/** Everything published on the key topic: consumers switch on `type` and skip what they do not need. */
export type TopicEvent = KeyEvent | KeySignal | WorkspaceEvent | ReviewEvent;
export type TopicEventType = TopicEvent['type'];
/** What is on the topic before parsing: any published version (stored events are published as they were written). */
export type PublishedEvent = TopicEvent | StoredWorkspaceEvent;

export function isKeyLifecycleEvent(event: PublishedEvent): event is KeyEvent {
  return (KEY_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** The event-store stream of a workspace's policy: `policy:<workspaceId>`. */
export function workspacePolicyStreamId(workspaceId: string): string {
  return `policy:${workspaceId}`;
}

/** The event-store stream an event belongs to: the keyId, `policy:<workspaceId>` or `review:<reviewId>`. */
export function streamIdOf(event: StreamEvent): string {
  if (isReviewEvent(event)) return reviewStreamId(event.reviewId);
  return event.type === 'WorkspacePolicyChanged' ? workspacePolicyStreamId(event.workspaceId) : event.keyId;
}

/**
 * The Kafka message key: the keyId for a key's events and signals (one key's
 * messages stay in order in one partition), `workspace:<workspaceId>` for
 * workspace events, `review:<reviewId>` for a review's events.
 */
export function messageKeyOf(event: PublishedEvent): string {
  if (isReviewEvent(event)) return reviewStreamId(event.reviewId);
  return event.type === 'WorkspacePolicyChanged' ? `workspace:${event.workspaceId}` : event.keyId;
}

/** Envelope fields that never carry secret material: safe for logs and audit. */
export function describeEvent(event: PublishedEvent): string {
  const subject = isReviewEvent(event)
    ? `review=${event.reviewId}`
    : event.type === 'WorkspacePolicyChanged'
      ? `workspace=${event.workspaceId}`
      : `key=${event.keyId}`;
  return `${event.type} v${event.schemaVersion} ${subject} version=${event.version} eventId=${event.eventId}`;
}

/** The key an event is about: a key's events and signals, a review's decision on a key; null for workspace events and a review as a whole. */
export function subjectKeyOf(event: TopicEvent): string | null {
  if (isReviewEvent(event)) return reviewedKeyOf(event);
  return event.type === 'WorkspacePolicyChanged' ? null : event.keyId;
}
