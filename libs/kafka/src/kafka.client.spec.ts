import type { Message, ProducerRecord, RecordMetadata } from 'kafkajs';
import { KafkaClient, partitionOf } from './kafka.client';

/** A client whose producer is a stub that acknowledges each partition it is asked for, except those in `unanswered`. */
function clientWith({ partitions = 3, unanswered = [] as number[] } = {}) {
  const client = new KafkaClient({ brokers: ['127.0.0.1:1'], clientId: 'spec', topic: 'keys', topicPartitions: partitions });
  const sends: ProducerRecord[] = [];
  const producer = {
    send: async (record: ProducerRecord): Promise<RecordMetadata[]> => {
      sends.push(record);
      const partition = record.messages[0].partition!;
      return unanswered.includes(partition) ? [] : [{ topicName: record.topic, partition, errorCode: 0 }];
    },
  };
  Object.assign(client, { producerPromise: Promise.resolve(producer) });
  const metadata = { topics: [{ name: 'keys', partitions: Array.from({ length: partitions }, (_, partitionId) => ({ partitionId })) }] };
  Object.assign((client as unknown as { admin: object }).admin, { fetchTopicMetadata: async () => metadata });
  return { client, sends };
}

const messages: Message[] = ['k1', 'k2', 'k3', 'k4', 'k5', 'k1'].map((key, i) => ({ key, value: `${key}#${i}` }));

describe('KafkaClient.sendAcknowledged', () => {
  it('sends one request per partition, with acks=-1, each key on its default partition and in order', async () => {
    const { client, sends } = clientWith();
    await client.sendAcknowledged('keys', messages);
    expect(sends.every((send) => send.acks === -1 && new Set(send.messages.map((m) => m.partition)).size === 1)).toBe(true);
    const sent = sends.flatMap((send) => send.messages.map((m) => [m.key, m.partition]));
    expect(sent.sort()).toEqual(messages.map((m) => [m.key, partitionOf('keys', m, 3)]).sort());
    const k1 = sends.find((send) => send.messages.some((m) => m.key === 'k1'))!;
    expect(k1.messages.filter((m) => m.key === 'k1').map((m) => m.value)).toEqual(['k1#0', 'k1#5']);
  });

  it('fails when a partition was not acknowledged, so the caller sends again instead of losing it', async () => {
    const lost = partitionOf('keys', messages[0], 3);
    const { client } = clientWith({ unanswered: [lost] });
    await expect(client.sendAcknowledged('keys', messages)).rejects.toThrow(`no acknowledgement for keys[${lost}]`);
  });
});
