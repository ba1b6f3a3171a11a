import { OwnInfra } from '../support/own-infra';
import { NO_DIFFERENCES, reconcile } from '../support/reconcile';
import { TestStack } from '../support/stack';
import { eventually } from '../support/test-infra';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

/** FerretDB is stopped and started again under running apps, which are not restarted. */
describe('fault: the store is stopped and restarted', () => {
  let infra: OwnInfra;
  let stack: TestStack;

  beforeAll(async () => {
    infra = await OwnInfra.start();
    stack = await TestStack.start({ env: { ...infra.env, READ_YOUR_WRITES_TIMEOUT_MS: '3000' } });
  }, 120000);

  afterAll(async () => {
    await stack?.stop();
    await infra?.stop();
  });

  it('answers 503 STORE_UNAVAILABLE while it is down, reports it in health, and resumes by itself', async () => {
    const admin = await stack.bootstrap('acme');
    // Until the revocation listener covers the topic, a cached answer is trusted only for the
    // staleness bound; the admin key's answer must stay served from the cache while the store is down.
    await eventually(async () => ((await stack.request('GET', '/health')).body.checks?.revocations?.ok ? true : undefined), 30000, 'the revocation listener');
    const before = await stack.request('POST', '/v1/keys', { token: admin.token, body: { name: 'before', scopes: ['usage:read'], expiresAt: inDays(5) } });
    expect(before.status).toBe(201);

    await infra.stopStore();

    const create = await stack.request('POST', '/v1/keys', { token: admin.token, body: { name: 'during', scopes: ['usage:read'], expiresAt: inDays(5) } });
    expect(create.status).toBe(503);
    expect(create.body.code).toBe('STORE_UNAVAILABLE');
    expect(create.headers.get('retry-after')).toBe('2');
    const verify = await stack.request('POST', '/v1/verify', { body: { key: before.body.key } });
    expect([verify.status, verify.body.code]).toEqual([503, 'STORE_UNAVAILABLE']);
    const health = await stack.request('GET', '/health');
    expect(health.status).toBe(503);
    expect(health.body.checks.mongo.ok).toBe(false);
    expect(health.body.checks.kafka.ok).toBe(true);

    await infra.restartStore();

    await eventually(async () => ((await stack.request('GET', '/health')).status === 200 ? true : undefined), 30000, 'health to recover');
    expect((await stack.request('POST', '/v1/verify', { body: { key: before.body.key } })).body.valid).toBe(true);
    const after = await stack.request('POST', '/v1/keys', { token: admin.token, body: { name: 'after', scopes: ['usage:read'], expiresAt: inDays(5) } });
    expect(after.status).toBe(201);
    expect((await stack.request('POST', '/v1/verify', { body: { key: after.body.key } })).body.valid).toBe(true);

    const differences = await eventually(async () => {
      const found = await reconcile(stack.db(), stack.env);
      return JSON.stringify(found) === JSON.stringify(NO_DIFFERENCES) ? found : undefined;
    }, 30000, 'store, topic, read model and audit trail to agree');
    expect(differences).toEqual(NO_DIFFERENCES);
  }, 120000);
});
