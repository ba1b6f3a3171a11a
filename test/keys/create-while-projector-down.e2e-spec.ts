import { reconcileWhenSettled, NO_DIFFERENCES } from '../support/reconcile';
import { TestStack } from '../support/stack';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

/**
 * A creation writes its own view (the insert the projector would make), so a
 * new key verifies, shows and lists the moment the call returns, even with no
 * projector running. Changes of existing keys still wait for the projector.
 * When it comes back, its own insert of those views is a duplicate: nothing is
 * applied twice and the read model agrees with the event store.
 */
describe('creating keys while the projector is down', () => {
  let stack: TestStack;
  let admin: string;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { READ_YOUR_WRITES_TIMEOUT_MS: '500' } });
    admin = (await stack.bootstrap('acme')).token;
  });

  afterAll(() => stack.stop());

  it('answers 201 with keys that verify, show and list at once; the projector later changes nothing', async () => {
    await stack.stopApp('projector');
    const created = [];
    for (let i = 0; i < 3; i++) {
      const answer = await stack.request('POST', '/v1/keys', { token: admin, body: { name: `offline ${i}`, scopes: ['usage:read'], expiresAt: inDays(7) } });
      expect([answer.status, answer.body.consistency]).toEqual([201, 'verifiable']);
      created.push(answer.body as { id: string; key: string });
    }
    for (const { id, key } of created) {
      expect((await stack.request('POST', '/v1/verify', { body: { key } })).body).toMatchObject({ valid: true, keyId: id, version: 1 });
      expect((await stack.request('GET', `/v1/keys/${id}`, { token: admin })).body).toMatchObject({ id, status: 'active', version: 1 });
    }
    const listed = await stack.request('GET', '/v1/keys?limit=100', { token: admin });
    expect(listed.body.items.map((k: { id: string }) => k.id)).toEqual(expect.arrayContaining(created.map((k) => k.id)));

    // A change of an existing key waits for the projector: past the bound it is accepted, pending.
    const revoked = await stack.request('POST', `/v1/keys/${created[0].id}/revoke`, { token: admin, body: { reason: 'offline test' } });
    expect([revoked.status, revoked.body.consistency]).toEqual([202, 'pending']);

    await stack.startApp('projector');
    expect(await reconcileWhenSettled(stack.db(), stack.env)).toEqual(NO_DIFFERENCES);
    expect((await stack.request('POST', '/v1/verify', { body: { key: created[0].key } })).body).toMatchObject({ valid: false, code: 'REVOKED' });
    expect((await stack.request('POST', '/v1/verify', { body: { key: created[1].key } })).body).toMatchObject({ valid: true, version: 1 });
  });
});
