import type { KafkaConfig } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { followKeyTopic } from '../../shared/follow-key-topic';

export interface Revocation {
  keyId: string;
  workspaceId: string;
  reason: string | null;
  occurredAt: string;
}

export interface SubscriberOptions {
  brokers: string[];
  topic: string;
  onRevoked: (revocation: Revocation) => void;
  onSkipped?: (problem: string) => void;
  /** TLS and SASL, as kafkajs takes them (main.ts builds them from KAFKA_SSL*, KAFKA_SASL*). */
  kafka?: Pick<KafkaConfig, 'ssl' | 'sasl'>;
}

/**
 * Keeps the set of revoked key ids, from the start of the key topic and then
 * live. The set lives in memory, so every run reads the topic from the start
 * (it keeps every event) in a consumer group of its own.
 */
export async function subscribeToRevocations(options: SubscriberOptions) {
  const revoked = new Set<string>();
  const { stop } = await followKeyTopic({
    ...options,
    clientId: 'revocation-subscriber',
    groupId: `revocation-subscriber-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
    onEvent: (event) => {
      // Delivery is at least once: a redelivered revocation is already in the set.
      if (event.type !== 'KeyRevoked' || revoked.has(event.keyId)) return;
      revoked.add(event.keyId);
      const { keyId, workspaceId, occurredAt } = event;
      options.onRevoked({ keyId, workspaceId, reason: event.data.reason, occurredAt });
    },
  });
  return { revoked, stop };
}
