import { envelopeEvent, formatToken, newKeyId, newSecret, displayPrefix } from '@pxxl/contracts';
import * as bcrypt from 'bcrypt';
import { randomUUID } from 'node:crypto';
import { TestStack } from '../support/stack';
import { eventually } from '../support/test-infra';
import { readTopic, redeliverStoredEvents, waitForCaughtUp } from '../support/topic-reader';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

describe('crash safety: nothing stored is lost, nothing delivered twice is applied twice', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start();
  });

  afterAll(() => stack.stop());

  it('publishes, on restart, an event that was appended but never published (crash between append and publish)', async () => {
    await stack.stopApp('key-service');
    // Simulate the crash: the event is in the store, publishedAt null, and nothing else happened.
    const keyId = newKeyId();
    const secret = newSecret();
    const event = envelopeEvent(
      {
        type: 'KeyCreated',
        data: {
          name: 'Orphaned by a crash',
          description: null,
          scopes: ['usage:read'],
          expiresAt: inDays(10),
          secretHash: await bcrypt.hash(secret, 8),
          displayPrefix: displayPrefix(keyId, secret),
        },
      },
      { eventId: randomUUID(), keyId, workspaceId: 'acme', version: 1, occurredAt: new Date().toISOString(), actor: 'system' },
    );
    const events = stack.db('projector').collection('key_events');
    await events.insertOne({ _id: `${keyId}:1` as never, ...event, storedAt: new Date(), publishedAt: null });

    await stack.startApp('key-service');

    const verified = await eventually(async () => {
      const response = await stack.request('POST', '/v1/verify', { body: { key: formatToken(keyId, secret) } });
      return response.body.valid ? response.body : undefined;
    });
    expect(verified).toMatchObject({ keyId, workspaceId: 'acme' });
    const stored = await eventually(async () => {
      const doc = await events.findOne({ _id: `${keyId}:1` as never });
      return doc?.publishedAt ? doc : undefined;
    });
    expect(stored.publishedAt).toBeInstanceOf(Date);
    await eventually(async () => (await stack.db('audit').collection('audit_entries').findOne({ _id: event.eventId as never })) ?? undefined);
  });

  it('publishes again, harmlessly, an event whose publish happened but whose mark did not (crash between the two)', async () => {
    const admin = await stack.bootstrap('acme', true);
    const created = await stack.request('POST', '/v1/keys', { token: admin.token, body: { name: 'Published, not marked', scopes: ['usage:read'], expiresAt: inDays(10) } });
    // The projector's connection: it outlives the key-service restart below.
    const events = stack.db('projector').collection('key_events');
    const id = `${created.body.id}:1`;
    await waitForCaughtUp(stack.env, [stack.env.PROJECTOR_GROUP_ID, stack.env.AUDIT_GROUP_ID]);
    const view = await stack.db().collection('key_views').findOne({ _id: created.body.id as never });

    await stack.stopApp('key-service');
    // The crash: the event is on the topic, but the store still says "unpublished".
    await events.updateOne({ _id: id as never }, { $set: { publishedAt: null } });
    await stack.startApp('key-service');

    await eventually(async () => ((await events.findOne({ _id: id as never }))?.publishedAt ? true : undefined));
    const copies = await readTopic(stack.env, (all) => all.filter((m) => m.key?.toString() === created.body.id).length >= 2);
    expect(copies.filter((m) => m.key?.toString() === created.body.id)).toHaveLength(2);
    await waitForCaughtUp(stack.env, [stack.env.PROJECTOR_GROUP_ID, stack.env.AUDIT_GROUP_ID]);
    expect(await stack.db().collection('key_views').findOne({ _id: created.body.id as never })).toEqual(view);
    expect(await stack.db().collection('audit_entries').countDocuments({ keyId: created.body.id })).toBe(1);
  });

  it('leaves the read model and the audit trail unchanged when the same events are delivered again', async () => {
    const admin = await stack.bootstrap('acme', true);
    const created = await stack.request('POST', '/v1/keys', {
      token: admin.token,
      body: { name: 'Delivered twice', scopes: ['usage:read'], expiresAt: inDays(10) },
    });
    expect(created.status).toBe(201);
    const keyId: string = created.body.id;
    const audit = stack.db('audit').collection('audit_entries');
    const views = stack.db('projector').collection('key_views');
    await eventually(async () => (await audit.countDocuments({ keyId })) === 1 || undefined);
    const viewBefore = await views.findOne({ _id: keyId as never });
    const auditBefore = await audit.find({}).sort({ _id: 1 }).toArray();

    // Redeliver every stored event of this stack, as a relay retry after a crash would.
    await redeliverStoredEvents(stack.db(), stack.env);
    await waitForCaughtUp(stack.env, [stack.env.PROJECTOR_GROUP_ID, stack.env.AUDIT_GROUP_ID]);

    expect(await views.findOne({ _id: keyId as never })).toEqual(viewBefore);
    expect(await audit.find({}).sort({ _id: 1 }).toArray()).toEqual(auditBefore);
  });
});
