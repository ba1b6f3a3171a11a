import { OwnInfra } from '../support/own-infra';
import { NO_DIFFERENCES, reconcile } from '../support/reconcile';
import { TestStack } from '../support/stack';
import { eventually } from '../support/test-infra';

const LONG = process.env.PXXL_FAULTS === 'long';
const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Kafka is SIGKILLed in the middle of a stream of creates, rotations and
 * revocations, and restarted a few seconds later. The event store is the
 * source of truth: commands keep being accepted, nothing is lost or doubled.
 */
describe('fault: the Kafka broker is killed during a stream of commands', () => {
  let infra: OwnInfra;
  let stack: TestStack;

  beforeAll(async () => {
    infra = await OwnInfra.start();
    stack = await TestStack.start({ env: { ...infra.env, READ_YOUR_WRITES_TIMEOUT_MS: '1500', OUTBOX_SWEEP_INTERVAL_MS: '2000' } });
  }, 120000);

  afterAll(async () => {
    await stack?.stop();
    await infra?.stop();
  });

  it('accepts every command (2xx, never 5xx), and afterwards store, topic, read model and audit agree', async () => {
    const admin = await stack.bootstrap('acme');
    const answers: Array<{ op: string; status: number; code?: string }> = [];
    const live: string[] = [];
    let stop = false;

    const stream = (async () => {
      for (let i = 0; !stop; i++) {
        const op = i % 3 === 0 || live.length === 0 ? 'create' : i % 3 === 1 ? 'rotate' : 'revoke';
        let response;
        if (op === 'create') {
          response = await stack.request('POST', '/v1/keys', { token: admin.token, body: { name: `k${i}`, scopes: ['usage:read'], expiresAt: inDays(5) } });
          if (response.status < 300) live.push(response.body.id);
        } else if (op === 'rotate') {
          response = await stack.request('POST', `/v1/keys/${live[live.length - 1]}/rotate`, { token: admin.token, body: {} });
        } else {
          response = await stack.request('POST', `/v1/keys/${live.shift()}/revoke`, { token: admin.token, body: { reason: 'fault test' } });
        }
        answers.push({ op, status: response.status, code: response.body?.code });
      }
    })();

    await sleep(2000);
    await infra.killKafka();
    await sleep(LONG ? 8000 : 3000);
    const duringOutage = answers.length;
    await infra.restartKafka();
    await sleep(LONG ? 10000 : 3000);
    stop = true;
    await stream;

    expect(answers.length).toBeGreaterThan(duringOutage);
    expect(answers.filter((a) => a.status >= 300)).toEqual([]);
    // Some commands answered while the broker was down: accepted, pending (202), not failed.
    expect(answers.some((a) => a.status === 202)).toBe(true);

    const differences = await eventually(async () => {
      const found = await reconcile(stack.db(), stack.env);
      return JSON.stringify(found) === JSON.stringify(NO_DIFFERENCES) ? found : undefined;
    }, 60000, 'store, topic, read model and audit trail to agree');
    expect(differences).toEqual(NO_DIFFERENCES);
  }, 180000);
});
