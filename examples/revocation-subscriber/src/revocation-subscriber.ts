import { InvalidKeyEventError, parseKeyEvent } from '@pxxl/contracts';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

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
  const kafka = new Kafka({ ...options.kafka, clientId: 'revocation-subscriber', brokers: options.brokers, logLevel: logLevel.WARN });
  const groupId = `revocation-subscriber-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const revoked = new Set<string>();
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      let event;
      try {
        event = parseKeyEvent(message.value ?? Buffer.alloc(0));
      } catch (error) {
        if (!(error instanceof InvalidKeyEventError)) throw error;
        // Poison: skip it (the key service's projector already dead-letters it).
        options.onSkipped?.(`partition ${partition} offset ${message.offset}: ${error.message}`);
        return;
      }
      // Delivery is at least once: a redelivered revocation is already in the set.
      if (event.type !== 'KeyRevoked' || revoked.has(event.keyId)) return;
      revoked.add(event.keyId);
      const { keyId, workspaceId, occurredAt } = event;
      options.onRevoked({ keyId, workspaceId, reason: event.data.reason, occurredAt });
    },
  });
  return { revoked, stop: () => consumer.disconnect() };
}
