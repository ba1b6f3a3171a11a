import { Logger } from '@nestjs/common';
import { deadLetterTopic, describeEvent, InvalidKeyEventError, parseKeyEvent, type TopicEvent } from '@pxxl/contracts';
import type { Consumer, KafkaMessage } from 'kafkajs';
import type { KafkaClient } from './kafka.client';

export interface KeyEventConsumerOptions {
  groupId: string;
  /**
   * Handles one valid message of the key topic: a key lifecycle event, a key
   * signal or a workspace event (switch on `type`). Throw to have it
   * redelivered (infrastructure failure).
   */
  handle(event: TopicEvent, meta: { partition: number; offset: string }): Promise<void>;
  fromBeginning?: boolean;
}

/**
 * Runs a consumer group over the key topic. Valid events go to `handle`, in
 * partition order; a message that is not a valid key event (poison) is sent to
 * the dead-letter topic with its reason, and consumption goes on.
 */
export async function startKeyEventConsumer(client: KafkaClient, options: KeyEventConsumerOptions): Promise<Consumer> {
  const logger = new Logger(`consumer:${options.groupId}`);
  const consumer = client.consumer({ groupId: options.groupId });
  await consumer.connect();
  await consumer.subscribe({ topic: client.topic, fromBeginning: options.fromBeginning ?? true });

  const deadLetter = async (message: KafkaMessage, partition: number, error: InvalidKeyEventError) => {
    await client.sendAcknowledged(deadLetterTopic(client.topic), [
      {
        key: message.key,
        value: message.value,
        headers: {
          'x-dlq-reason': error.reason,
          'x-dlq-error': error.message,
          'x-original-topic': client.topic,
          'x-original-partition': String(partition),
          'x-original-offset': message.offset,
          'x-consumer-group': options.groupId,
        },
      },
    ]);
    logger.warn({ msg: 'dead-lettered a poison message', reason: error.reason, partition, offset: message.offset });
  };

  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      let event: TopicEvent;
      try {
        event = parseKeyEvent(message.value ?? Buffer.alloc(0));
      } catch (error) {
        if (error instanceof InvalidKeyEventError) return deadLetter(message, partition, error);
        throw error;
      }
      try {
        await options.handle(event, { partition, offset: message.offset });
      } catch (error) {
        logger.error({ msg: `failed to handle ${describeEvent(event)}; it will be redelivered`, error: String(error) });
        throw error;
      }
    },
  });
  return consumer;
}
