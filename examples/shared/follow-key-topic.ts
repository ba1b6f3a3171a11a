import { InvalidKeyEventError, parseKeyEvent, type TopicEvent } from '@pxxl/contracts';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

export interface FollowOptions {
  brokers: string[];
  topic: string;
  clientId: string;
  groupId: string;
  /** Each valid message of the key topic, in partition order; a throw has it redelivered. */
  onEvent: (event: TopicEvent) => void | Promise<void>;
  onSkipped?: (problem: string) => void;
  /** TLS and SASL, as kafkajs takes them (the examples' main.ts build them from KAFKA_SSL*, KAFKA_SASL*). */
  kafka?: Pick<KafkaConfig, 'ssl' | 'sasl'>;
}

/**
 * What both plain-kafkajs examples do: read the key topic (from the start for
 * a new group), validate each message against the published schemas
 * (docs/events.md), skip poison, hand on the rest. Answers `stop`.
 */
export async function followKeyTopic(options: FollowOptions): Promise<{ stop: () => Promise<void> }> {
  const kafka = new Kafka({ ...options.kafka, clientId: options.clientId, brokers: options.brokers, logLevel: logLevel.WARN });
  const consumer = kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      let event: TopicEvent;
      try {
        event = parseKeyEvent(message.value ?? Buffer.alloc(0));
      } catch (error) {
        if (!(error instanceof InvalidKeyEventError)) throw error;
        // Poison: skip it (the key service's projector already dead-letters it).
        options.onSkipped?.(`partition ${partition} offset ${message.offset}: ${error.message}`);
        return;
      }
      await options.onEvent(event);
    },
  });
  return { stop: () => consumer.disconnect() };
}
