import { deadLetterTopic } from '@pxxl/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { TestStack } from '../support/stack';
import { eventually } from '../support/test-infra';
import { readTopic } from '../support/topic-reader';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

describe('fault: poison messages on the key topic', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
  });

  afterAll(() => stack.stop());

  it('dead-letters each with its reason, and the consumers keep going', async () => {
    const admin = await stack.bootstrap('acme');
    const kafka = new Kafka({ clientId: 'poisoner', brokers: stack.env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const valid = { eventId: '4f1c8e52-6a3b-4d7e-9c11-2b9f0e7d5a10', type: 'KeyRevoked', schemaVersion: 1, keyId: admin.keyId, workspaceId: 'acme', version: 2, occurredAt: new Date().toISOString(), actor: 'system', data: { reason: null } };
    await producer.send({
      topic: stack.env.KAFKA_TOPIC,
      messages: [
        { key: admin.keyId, value: '{"not json' },
        { key: admin.keyId, value: JSON.stringify({ ...valid, type: 'KeyExploded' }) },
        { key: admin.keyId, value: JSON.stringify({ ...valid, schemaVersion: 7 }) },
        { key: admin.keyId, value: JSON.stringify({ ...valid, data: { reason: 42 } }) },
      ],
    });
    await producer.disconnect();

    // Consumption goes on: a key created after the poison is projected and audited.
    const after = await stack.request('POST', '/v1/keys', { token: admin.token, body: { name: 'after poison', scopes: ['usage:read'], expiresAt: inDays(5) } });
    expect(after.status).toBe(201);
    await eventually(async () => (await stack.db('audit').collection('audit_entries').countDocuments({ keyId: after.body.id })) || undefined);

    // Two consumer groups (projector, audit) each dead-letter the four messages.
    const dead = await readTopic(stack.env, (messages) => messages.length >= 8, { topic: deadLetterTopic(stack.env.KAFKA_TOPIC) });
    const reasons = dead.map((m) => `${m.headers!['x-consumer-group']}:${m.headers!['x-dlq-reason']}`).sort();
    expect(reasons).toEqual(
      [stack.env.AUDIT_GROUP_ID, stack.env.PROJECTOR_GROUP_ID]
        .flatMap((group) => ['NOT_JSON', 'UNKNOWN_TYPE', 'UNKNOWN_TYPE', 'SCHEMA_VIOLATION'].map((reason) => `${group}:${reason}`))
        .sort(),
    );
    expect(dead.every((m) => m.headers!['x-original-offset'] !== undefined && m.headers!['x-dlq-error'] !== undefined)).toBe(true);
    // The admin key was not revoked by the malformed KeyRevoked.
    expect((await stack.request('POST', '/v1/verify', { body: { key: admin.token } })).body.valid).toBe(true);
  });
});
