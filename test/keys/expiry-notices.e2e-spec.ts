import { parseKeyEvent, type KeyEvent, type StreamEvent } from '@pxxl/contracts';
import { readEventLog } from '@pxxl/event-store';
import { KEY_VIEWS_COLLECTION } from '@pxxl/key-read-model';
import { ExpiryNoticeSchedule } from '../../apps/key-service/src/keys/commands/emit-expiry-notices/expiry-notice.schedule';
import { auditGet } from '../support/audit';
import { TestStack } from '../support/stack';
import { eventually } from '../support/test-infra';
import { readTopic, waitForCaughtUp } from '../support/topic-reader';

const DAY = 24 * 3600 * 1000;
type Notice = Extract<KeyEvent, { type: 'KeyExpiring' | 'KeyExpired' }>;
const isNotice = (event: StreamEvent): event is Notice => event.type === 'KeyExpiring' || event.type === 'KeyExpired';
/** `KeyExpiring:14`, `KeyExpiring:1`, `KeyExpired`: what a notice is, for counting. */
const label = (notice: Notice) => (notice.type === 'KeyExpiring' ? `KeyExpiring:${notice.data.thresholdDays}` : 'KeyExpired');

/**
 * Expiry notices with two key-service instances on one store and topic, each
 * running the scheduler every 150 ms, and passes forced on both at once; the
 * clock moves across 14 days, 1 day and the expiry, one instance restarts
 * between them. Each notice is stored once and published once; a revoked or
 * deleted key gets none (docs/operations.md#expiry-notices).
 */
describe('expiry notices, two key-service instances', () => {
  let a: TestStack;
  let b: TestStack;
  let admin: string;
  const keys: Record<'kept' | 'rotated' | 'revoked' | 'deleted' | 'late', string> = { kept: '', rotated: '', revoked: '', deleted: '', late: '' };
  let expiresAt: number;

  beforeAll(async () => {
    a = await TestStack.start({ env: { EXPIRY_NOTICE_INTERVAL_MS: '150' } });
    b = new TestStack({ ...a.env });
    await b.startApp('key-service');
    admin = (await a.bootstrap('acme')).token;
  });

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  /** Both instances' clocks (and the audit app's, which is a's) move together. */
  const advanceTo = (at: number) => {
    const by = at - a.clock.now().getTime();
    a.clock.advance(by);
    b.clock.advance(by);
  };
  /** A pass on each instance at the same moment: the race the version guard settles. */
  const raceBoth = async () => {
    const [onA, onB] = await Promise.all([a, b].map((stack) => stack.app('key-service').get(ExpiryNoticeSchedule).runOnce()));
    return [...onA.emitted, ...onB.emitted].map((event) => `${event.keyId} ${label(event as Notice)}`);
  };
  const storedNotices = async (): Promise<Notice[]> => {
    const notices: Notice[] = [];
    for await (const event of readEventLog(a.db().db!)) if (isNotice(event)) notices.push(event);
    return notices;
  };
  const noticesOf = (notices: Notice[], keyId: string) => notices.filter((n) => n.keyId === keyId).sort((x, y) => x.version - y.version).map(label);
  const waitForNotices = (count: number) =>
    eventually(async () => {
      const notices = await storedNotices();
      return notices.length >= count ? notices : undefined;
    }, 15000, `${count} notices stored`);

  const create = async (name: string) => {
    const created = await a.request('POST', '/v1/keys', { token: admin, body: { name, scopes: ['usage:read'], expiresAt: new Date(expiresAt).toISOString() } });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  it('creates the keys, all expiring in 20 days: one kept, one rotated, one revoked and one deleted before their first threshold', async () => {
    expiresAt = a.clock.now().getTime() + 20 * DAY;
    for (const name of ['kept', 'rotated', 'revoked', 'deleted'] as const) keys[name] = await create(name);
    expect((await b.request('POST', `/v1/keys/${keys.rotated}/rotate`, { token: admin, body: {} })).status).toBe(200);
    expect((await b.request('POST', `/v1/keys/${keys.revoked}/revoke`, { token: admin, body: { reason: 'no longer needed' } })).status).toBe(200);
    expect((await a.request('DELETE', `/v1/keys/${keys.deleted}`, { token: admin })).status).toBe(200);
    // Nothing is due yet.
    expect(await raceBoth()).toEqual([]);
  });

  it('14 days before the expiry: one KeyExpiring each for the kept and the rotated key, whichever instance decided it', async () => {
    advanceTo(expiresAt - 14 * DAY + 60_000);
    // Created past its 14-day threshold: the 1-day notice is its first.
    keys.late = await create('late');
    await raceBoth();
    const notices = await waitForNotices(2);
    expect(noticesOf(notices, keys.kept)).toEqual(['KeyExpiring:14']);
    expect(noticesOf(notices, keys.rotated)).toEqual(['KeyExpiring:14']);
    const kept = notices.find((n) => n.keyId === keys.kept)!;
    expect(kept).toMatchObject({ actor: 'system', version: 2, data: { thresholdDays: 14, expiresAt: new Date(expiresAt).toISOString(), owner: null } });
    // A later pass on both finds nothing more to say.
    expect(await raceBoth()).toEqual([]);
    expect(await storedNotices()).toHaveLength(2);
  });

  it('1 day before, after a restart of one instance: the 1-day notices, the late key’s included, and no 14-day one for it', async () => {
    await b.stopApp('key-service');
    await b.startApp('key-service');
    advanceTo(expiresAt - DAY + 60_000);
    await raceBoth();
    const notices = await waitForNotices(5);
    expect(noticesOf(notices, keys.kept)).toEqual(['KeyExpiring:14', 'KeyExpiring:1']);
    expect(noticesOf(notices, keys.rotated)).toEqual(['KeyExpiring:14', 'KeyExpiring:1']);
    expect(noticesOf(notices, keys.late)).toEqual(['KeyExpiring:1']);
    expect(await raceBoth()).toEqual([]);
  });

  it('past the expiry: KeyExpired once per key, and never a notice for the revoked or the deleted key', async () => {
    advanceTo(expiresAt + 60_000);
    await raceBoth();
    const notices = await waitForNotices(8);
    expect(noticesOf(notices, keys.kept)).toEqual(['KeyExpiring:14', 'KeyExpiring:1', 'KeyExpired']);
    expect(noticesOf(notices, keys.rotated)).toEqual(['KeyExpiring:14', 'KeyExpiring:1', 'KeyExpired']);
    expect(noticesOf(notices, keys.late)).toEqual(['KeyExpiring:1', 'KeyExpired']);
    expect(noticesOf(notices, keys.revoked)).toEqual([]);
    expect(noticesOf(notices, keys.deleted)).toEqual([]);
    // Restarting the other instance too, and passes on both afterwards, add nothing.
    await a.stopApp('key-service');
    await a.startApp('key-service');
    expect(await raceBoth()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 600)); // a few timer passes on each instance
    expect(await storedNotices()).toHaveLength(8);
  });

  it('publishes each notice exactly once on the topic, and the audit trail records each with its summary', async () => {
    await waitForCaughtUp(a.env, [a.env.AUDIT_GROUP_ID, a.env.PROJECTOR_GROUP_ID]);
    const messages = await readTopic(a.env, (all) => all.filter((m) => /"type":"KeyExpir(ing|ed)"/.test(m.value!.toString())).length >= 8);
    const onTopic = messages.map((m) => parseKeyEvent(m.value!)).filter((e): e is Notice => e.type === 'KeyExpiring' || e.type === 'KeyExpired');
    const seen = onTopic.map((n) => `${n.keyId} ${label(n)}`);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(new Set(onTopic.map((n) => n.eventId)).size).toBe(8);

    // The projector keeps what the scheduler filters by: the thresholds noticed, and when KeyExpired was.
    const view = await a.db().collection(KEY_VIEWS_COLLECTION).findOne({ _id: keys.kept as never });
    expect(view).toMatchObject({ version: 4, expiryNotices: [14, 1], expiredAt: expect.any(Date) });

    const timeline = await auditGet(a, `/v1/audit/keys/${keys.kept}/timeline`, admin);
    expect(timeline.status).toBe(200);
    const iso = new Date(expiresAt).toISOString();
    expect(timeline.body.items.map((e: { type: string; summary: string }) => [e.type, e.summary])).toEqual([
      ['KeyCreated', expect.any(String)],
      ['KeyExpiring', `expiry notice: expires within 14 days, at ${iso}; owner none`],
      ['KeyExpiring', `expiry notice: expires within 1 day, at ${iso}; owner none`],
      ['KeyExpired', `expired at ${iso}; owner none`],
    ]);
  });
});
