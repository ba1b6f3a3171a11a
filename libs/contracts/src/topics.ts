/**
 * The one topic every key event goes to, keyed by keyId so that one key's
 * events stay in order. Kept forever (retention.ms=-1) so a new subscriber can
 * replay from the start. Poison messages go to `<topic>.dlq`.
 */
export const DEFAULT_KEY_EVENTS_TOPIC = 'pxxl.keys.events';

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
