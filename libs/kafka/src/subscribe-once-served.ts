import type { Consumer } from 'kafkajs';

/** Answers of a broker that has not heard of a new topic yet (KRaft spreads metadata to each broker on its own time). */
const NOT_SERVED_YET = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/**
 * `consumer.subscribe`, asked again while the broker it asks has not heard of
 * the topic yet. On a fresh cluster one app creates the topic and the broker
 * the admin asked serves it, while another broker, asked by a consumer a
 * moment later, still answers "does not host this topic-partition"; kafkajs
 * gives up on that at once, and the app failed its boot (seen in the long
 * cluster scenario). Other errors, and the same one after `timeoutMs`, throw.
 */
export async function subscribeOnceServed(consumer: Pick<Consumer, 'subscribe'>, subscription: { topic: string; fromBeginning: boolean }, { timeoutMs = 30_000, pauseMs = 250 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await consumer.subscribe(subscription);
      return;
    } catch (error) {
      if (!NOT_SERVED_YET.has((error as { type?: string }).type ?? '') || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}
