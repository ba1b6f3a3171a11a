import { Logger } from '@nestjs/common';
import { deadLetterTopic, describeEvent, InvalidKeyEventError, parseKeyEvent, type TopicEvent } from '@pxxl/contracts';
import { contextOf, inSpan, SpanKind, tracingEnabled, type Metrics, type SeriesName } from '@pxxl/observability';
import type { Consumer, KafkaMessage } from 'kafkajs';
import { observeConsumerLag, secondsSinceOccurred } from './consumer-lag';
import type { KafkaClient } from './kafka.client';
import { traceparentHeader } from './topic-message';
import { subscribeOnceServed } from './subscribe-once-served';

export interface KeyEventConsumerOptions {
  groupId: string;
  /**
   * Handles one valid message of the key topic: a key lifecycle event, a key
   * signal or a workspace event (switch on `type`). Throw to have it
   * redelivered (infrastructure failure).
   */
  handle(event: TopicEvent, meta: { partition: number; offset: string }): Promise<void>;
  fromBeginning?: boolean;
  /**
   * The app's metrics: this group's lag, its apply duration (in the named
   * series), dead-lettered messages, and, with `propagation`, how long a
   * KeyRevoked took from occurredAt to applied here.
   */
  metrics?: { registry: Metrics; applyDuration: Extract<SeriesName, 'projectionApply' | 'auditApply'>; propagation?: string };
  /**
   * With tracing on, each message is a `consume <topic>` span continuing the
   * trace of its `traceparent` header, and `handle` runs in a child span
   * `<traceAs> <event type>` (project, audit).
   */
  traceAs?: string;
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
  await subscribeOnceServed(consumer, { topic: client.topic, fromBeginning: options.fromBeginning ?? true });
  const observed = options.metrics ? observe(client, consumer, options.groupId, options.metrics) : null;

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
    observed?.deadLettered(error.reason);
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
        const started = performance.now();
        const handle = () => options.handle(event, { partition, offset: message.offset });
        await (tracingEnabled() ? traced(client.topic, message, partition, event, options.traceAs ?? 'handle', handle) : handle());
        observed?.applied(event, started);
      } catch (error) {
        logger.error({ msg: `failed to handle ${describeEvent(event)}; it will be redelivered`, error: String(error) });
        throw error;
      }
    },
  });
  return consumer;
}

/** The message's `consume` span, child of the trace its header carries, and the handling span inside it. */
function traced(topic: string, message: KafkaMessage, partition: number, event: TopicEvent, traceAs: string, handle: () => Promise<void>): Promise<void> {
  const attributes = { 'messaging.system': 'kafka', 'messaging.destination.name': topic, 'messaging.kafka.destination.partition': partition, 'messaging.kafka.offset': message.offset };
  return inSpan(`consume ${topic}`, () => inSpan(`${traceAs} ${event.type}`, handle, { attributes: { 'pxxl.event.type': event.type } }), {
    kind: SpanKind.CONSUMER,
    parent: contextOf(traceparentHeader(message)),
    attributes,
  });
}

function observe(client: KafkaClient, consumer: Consumer, groupId: string, metrics: NonNullable<KeyEventConsumerOptions['metrics']>) {
  const registry = metrics.registry;
  const lag = client.lagReader(groupId, 'earliest');
  observeConsumerLag(registry, lag, groupId);
  consumer.on(consumer.events.DISCONNECT, () => void lag.close());
  const apply = registry.hotHistogram(metrics.applyDuration).bind();
  const propagation = metrics.propagation ? registry.hotHistogram('revocationPropagation').bind({ subscriber: metrics.propagation }) : null;
  const deadLettered = registry.counter('deadLettered');
  return {
    applied(event: TopicEvent, started: number): void {
      apply.observe((performance.now() - started) / 1000);
      if (propagation && event.type === 'KeyRevoked') propagation.observe(secondsSinceOccurred(event.occurredAt));
    },
    deadLettered(reason: string): void {
      deadLettered.inc({ group: groupId, reason });
    },
  };
}
