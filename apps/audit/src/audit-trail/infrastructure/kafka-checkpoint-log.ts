import { Injectable, Logger } from '@nestjs/common';
import { parseCheckpointText, openNote } from '@pxxl/audit-trail';
import { KafkaClient } from '@pxxl/kafka';
import type { CheckpointLog, StoredCheckpoint } from '../ports';
import { ensureForeverTopic } from './forever-topic';

/** The topic signed checkpoints are published to: `<key topic>.audit-checkpoints`, kept forever. */
export function checkpointTopic(keyTopic: string): string {
  return `${keyTopic}.audit-checkpoints`;
}

/** One message per checkpoint (key = workspaceId, value = JSON holding the signed note) and one log line. */
@Injectable()
export class KafkaCheckpointLog implements CheckpointLog {
  private readonly logger = new Logger('AuditCheckpoint');
  private topicReady?: Promise<void>;

  constructor(private readonly kafka: KafkaClient) {}

  async publish(checkpoints: StoredCheckpoint[]): Promise<void> {
    if (checkpoints.length === 0) return;
    const topic = checkpointTopic(this.kafka.topic);
    this.topicReady ??= ensureForeverTopic(this.kafka, topic).catch((error) => {
      this.topicReady = undefined;
      throw error;
    });
    const messages = checkpoints.map((checkpoint) => {
      const { origin, root } = parseCheckpointText(openNote(checkpoint.note).text);
      return { workspaceId: checkpoint.workspaceId, origin, size: checkpoint.size, rootHash: root.toString('base64'), note: checkpoint.note, signedAt: checkpoint.signedAt.toISOString() };
    });
    try {
      await this.topicReady;
      const producer = await this.kafka.producer();
      await producer.send({ topic, acks: -1, messages: messages.map((m) => ({ key: m.workspaceId, value: JSON.stringify(m) })) });
    } catch (error) {
      this.logger.warn({ msg: 'could not publish audit checkpoints to Kafka; will retry', error: String(error) });
      throw error;
    }
    for (const m of messages) this.logger.log({ msg: 'audit checkpoint', workspaceId: m.workspaceId, origin: m.origin, size: m.size, rootHash: m.rootHash, note: m.note });
  }
}
