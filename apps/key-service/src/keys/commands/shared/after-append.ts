import type { StreamEvent } from '@pxxl/contracts';

/**
 * What recording does once a command's events are appended:
 * - `show-created`: a creation writes its own view (the insert the projector
 *   makes moments later) and publishes without waiting. No cache anywhere can
 *   hold an answer about a key that did not exist, so the new key verifies as
 *   soon as the creation answers, also while the broker or the projector is down.
 * - `publish-and-wait-for-projection`: every other change of a key waits,
 *   bounded, until it is on the topic (subscribers drop their cached answers)
 *   and the projector has applied it.
 * - `publish`: a workspace policy change has no read model to wait for
 *   (commands read the policy from the event store), so it waits, bounded,
 *   for the topic only.
 * - `nothing`: the decision was to change nothing.
 */
export type AfterAppend = 'show-created' | 'publish-and-wait-for-projection' | 'publish' | 'nothing';

export function afterAppend(events: readonly StreamEvent[]): AfterAppend {
  if (events.length === 0) return 'nothing';
  if (events.every((event) => event.type === 'WorkspacePolicyChanged')) return 'publish';
  if (events.length === 1 && events[0].type === 'KeyCreated') return 'show-created';
  return 'publish-and-wait-for-projection';
}
