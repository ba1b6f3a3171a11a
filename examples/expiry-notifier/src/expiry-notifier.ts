import type { TopicEvent } from '@pxxl/contracts';
import type { KafkaConfig } from 'kafkajs';
import { followKeyTopic } from '../../shared/follow-key-topic';

/** One message to one owner about one key. */
export interface OwnerNotice {
  /** The key's owner handle (`team:payments`, …), or `workspace:<id>` for a key without one (its admins). */
  to: string;
  keyId: string;
  workspaceId: string;
  kind: 'expiring' | 'expired';
  /** The threshold crossed, for `expiring`. */
  thresholdDays: number | null;
  expiresAt: string;
  /** A line for people. */
  text: string;
  /** The notice's eventId: the same notice always has the same one. */
  eventId: string;
}

export interface NotifierOptions {
  brokers: string[];
  topic: string;
  /** A consumer group that outlives runs, so a restart goes on where the last run stopped. */
  groupId: string;
  /** Sends the notice (mail, chat, a ticket…); a throw makes the consumer retry the message. */
  notify: (notice: OwnerNotice) => void | Promise<void>;
  onSkipped?: (problem: string) => void;
  /** The clock, for skipping notices about an expiry that already passed (a first run catching up). */
  now?: () => Date;
  kafka?: Pick<KafkaConfig, 'ssl' | 'sasl'>;
}

/** What to say, or null for an event that is not an expiry notice, or one that is stale by now. */
export function ownerNotice(event: TopicEvent, now: Date): OwnerNotice | null {
  if (event.type !== 'KeyExpiring' && event.type !== 'KeyExpired') return null;
  const { keyId, workspaceId, eventId } = event;
  const { expiresAt, owner } = event.data;
  const to = owner ?? `workspace:${workspaceId}`;
  if (event.type === 'KeyExpired') {
    return { to, keyId, workspaceId, kind: 'expired', thresholdDays: null, expiresAt, eventId, text: `key ${keyId} expired at ${expiresAt}: create a new key, or delete it if it is no longer used` };
  }
  // A warning about an expiry that has passed helps nobody: KeyExpired says it.
  if (Date.parse(expiresAt) <= now.getTime()) return null;
  const days = event.data.thresholdDays;
  return {
    to, keyId, workspaceId, kind: 'expiring', thresholdDays: days, expiresAt, eventId,
    text: `key ${keyId} expires within ${days} day${days === 1 ? '' : 's'} (at ${expiresAt}): rotate or replace it before then`,
  };
}

/**
 * Tells each key's owner that the key is about to expire (KeyExpiring) or has
 * expired (KeyExpired). The key service emits each notice once; delivery is
 * at least once, so the notifier drops a notice whose eventId it has already
 * sent (the id is the same wherever the notice came from).
 */
export async function notifyOwnersOfExpiry(options: NotifierOptions) {
  const sent = new Set<string>();
  const now = options.now ?? (() => new Date());
  const { stop } = await followKeyTopic({
    ...options,
    clientId: 'expiry-notifier',
    onEvent: async (event) => {
      const notice = ownerNotice(event, now());
      if (notice === null || sent.has(notice.eventId)) return;
      await options.notify(notice);
      sent.add(notice.eventId);
    },
  });
  return { sent, stop };
}
