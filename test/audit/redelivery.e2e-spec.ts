import { reconcileTrail, type AuditRecord, type ReadableDb } from '@pxxl/audit-trail';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createAuditApp } from '../../apps/audit/src/create-audit-app';
import { loadAuditConfig } from '../../apps/audit/src/audit.config';
import { auditCaughtUp, auditGet, created, fakeSecretHash, keyEvent, newTestKeyId, storeAndPublish } from '../support/audit';
import { TestStack } from '../support/stack';
import { redeliverStoredEvents } from '../support/topic-reader';

describe('redelivery and several audit consumers leave the chain intact', () => {
  let stack: TestStack;
  let token: string;
  let second: NestFastifyApplication | undefined;

  const republishEverything = () => redeliverStoredEvents(stack.db(), stack.env);

  beforeAll(async () => {
    stack = await TestStack.start();
    token = (await stack.bootstrap('acme')).token;
  });

  afterAll(async () => {
    await second?.close();
    await stack.stop();
  });

  it('records each event once, in one unbroken chain, when every event arrives twice at two consumers', async () => {
    // A second audit instance in the same consumer group: the partitions are split between the two.
    second = await createAuditApp(loadAuditConfig(stack.env), { logger: stack.logs.logger('audit-2'), clock: stack.clock });
    await second.init();
    const events = Array.from({ length: 25 }, () => newTestKeyId()).flatMap((keyId) => [
      keyEvent(created(keyId), { keyId, workspaceId: 'acme', version: 1 }),
      keyEvent({ type: 'KeyRotated', data: { secretHash: fakeSecretHash(), displayPrefix: `pxxl_${keyId}_wxyz`, gracePeriodSeconds: 60, previousSecretValidUntil: new Date(Date.now() + 60000).toISOString() } }, { keyId, workspaceId: 'acme', version: 2 }),
      keyEvent({ type: 'KeyRevoked', data: { reason: 'rotated out' } }, { keyId, workspaceId: 'acme', version: 3 }),
    ]);
    await storeAndPublish(stack, events);
    // Delivered again while the first copies are still being recorded, as a relay retry after a crash would.
    const total = await republishEverything();
    await auditCaughtUp(stack);

    const audit = stack.db('audit');
    expect(await audit.collection('audit_entries').countDocuments({ workspaceId: 'acme' })).toBe(total);
    const report = (await auditGet(stack, '/v1/audit/integrity', token)).body;
    expect(report).toMatchObject({ ok: true, checked: total, entriesChecked: total, head: { seq: total } });
    const chain = (await auditGet(stack, '/v1/audit/export', token)).text.trim().split('\n').map((line) => JSON.parse(line) as AuditRecord);
    expect(chain.map((r) => r.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(chain.map((r) => r.eventId)).size).toBe(total);
    // Each key's entries are in its version order within the chain.
    for (const keyId of new Set(chain.map((r) => r.keyId))) {
      const versions = chain.filter((r) => r.keyId === keyId).map((r) => r.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
    }
    const completeness = await reconcileTrail(audit.db as unknown as ReadableDb, { now: new Date(), graceMs: 0 });
    expect(completeness).toMatchObject({ ok: true, events: total, entries: total });
  });

  it('changes nothing when everything is delivered yet again', async () => {
    const audit = stack.db('audit');
    const before = await Promise.all(['audit_entries', 'audit_chain_segments'].map((name) => audit.collection(name).find({}).sort({ _id: 1 }).toArray()));
    const committed = await audit.collection('audit_chain_links').countDocuments({ state: 'committed' });
    await republishEverything();
    await auditCaughtUp(stack);
    const after = await Promise.all(['audit_entries', 'audit_chain_segments'].map((name) => audit.collection(name).find({}).sort({ _id: 1 }).toArray()));
    expect(after).toEqual(before);
    expect(await audit.collection('audit_chain_links').countDocuments({ state: 'committed' })).toBe(committed);
    expect((await auditGet(stack, '/v1/audit/integrity', token)).body).toMatchObject({ ok: true, checked: before[0].length });
  });
});
