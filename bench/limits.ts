import { formatToken, newKeyId, newSecret, type KeyLimitsInForce } from '@pxxl/contracts';
import { DEFAULT_CACHE_OPTIONS, MongoCreditLedger, VerificationPipeline, type KeySource, type SecretComparer, type VerifiableKey } from '@pxxl/verification';
import { createConnection } from 'mongoose';

/** One bench row, as bench/run.ts takes it. */
export interface LimitRow {
  id: string;
  scenario: string;
  figure: string;
  value: number;
  ceilingLabel: string;
  ceiling: number | null;
  goal: string;
  met: boolean;
  note?: string;
}

/** Every secret matches: these rows measure the limit steps, not bcrypt (the read happens once per key and pipeline). */
const ANY_SECRET: SecretComparer = { matches: async () => true, spendOne: async () => undefined };

function keysWith(limits: Partial<KeyLimitsInForce>): { source: KeySource; token: string } {
  const keyId = newKeyId();
  const key: VerifiableKey = {
    _id: keyId,
    workspaceId: 'bench',
    scopes: ['deployments:read'],
    status: 'active',
    expiresAt: null,
    secretHash: 'unused',
    previousSecretHash: null,
    previousSecretValidUntil: null,
    version: 2,
    rateLimit: null,
    usage: null,
    allowedIps: null,
    credits: null,
    ...limits,
  };
  return { source: { read: async (id) => (id === keyId ? key : null) }, token: formatToken(keyId, newSecret()) };
}

const TEN_CIDRS = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '172.16.0.0/12', '100.64.0.0/10', 'fd00::/8', '169.254.0.0/16', '192.168.0.0/16', '10.0.0.0/8'];

/**
 * (h) warm verify with a rate limit and a 10-entry IP list against without; (i) an exact usage quota at two
 * pipelines sharing the store's credit ledger; (j) a rate limit's overshoot at two pipelines. In process, on
 * the bench's own MongoDB/FerretDB: the ledger is the real one.
 */
export async function benchLimits(mongoUri: string, quick: boolean): Promise<LimitRow[]> {
  const connection = await createConnection(mongoUri).asPromise();
  const rows: LimitRow[] = [];
  const pipeline = (source: KeySource) =>
    new VerificationPipeline({ backend: { keys: source, secrets: ANY_SECRET }, cache: { ...DEFAULT_CACHE_OPTIONS, maxStalenessMs: 3_600_000 }, throttle: null, credits: new MongoCreditLedger(connection) });
  try {
    // (h): same pipeline shape, one key with limits (never reached: a huge window), one without.
    const ops = quick ? 100_000 : 300_000;
    const plain = keysWith({});
    const limited = keysWith({ rateLimit: { limit: 1_000_000, windowSeconds: 86_400 }, allowedIps: TEN_CIDRS });
    const warm = async (source: { source: KeySource; token: string }, context: { clientIp?: string }) => {
      const verifier = pipeline(source.source);
      for (let i = 0; i < 20_000; i++) await verifier.verify(source.token, [], context);
      const started = process.hrtime.bigint();
      let valid = 0;
      for (let i = 0; i < ops; i++) if ((await verifier.verify(source.token, [], context)).valid) valid++;
      return { perSecond: ops / (Number(process.hrtime.bigint() - started) / 1e9), valid };
    };
    const without = await warm(plain, {});
    const withLimits = await warm(limited, { clientIp: '10.20.30.40' });
    rows.push({
      id: 'h', scenario: 'warm verify in process, rate limit + 10-entry IP list on', figure: 'ops/s', value: Math.round(withLimits.perSecond),
      ceilingLabel: 'the same without limits, same run, ops/s', ceiling: Math.round(without.perSecond), goal: '≥ 80% of without limits',
      met: withLimits.perSecond >= 0.8 * without.perSecond && withLimits.valid === ops,
      note: `the caller's address matched the 10th CIDR; credits came from the store's ledger in blocks of ${Math.ceil(1_000_000 / 20)}`,
    });

    // (i): a quota of N at two pipelines (two instances' worth of state, one ledger), 50 callers at once.
    const quota = quick ? 5_000 : 20_000;
    const metered = keysWith({ usage: { limit: quota, refill: null }, credits: { epoch: 2, firstPeriod: 'all', topUps: [] } });
    const [a, b] = [pipeline(metered.source), pipeline(metered.source)];
    let valid = 0;
    let exhausted = 0;
    const startedQuota = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: 50 }, async (_, caller) => {
        for (;;) {
          const verdict = await (caller % 2 === 0 ? a : b).verify(metered.token);
          if (verdict.valid) valid++;
          else if (verdict.code === 'USAGE_EXHAUSTED' && ++exhausted >= 200) return;
        }
      }),
    );
    const quotaSeconds = Number(process.hrtime.bigint() - startedQuota) / 1e9;
    rows.push({
      id: 'i', scenario: `exact usage quota of ${quota} at 2 instances (one ledger), 50 concurrent callers`, figure: 'VALID verifications/s', value: Math.round(valid / quotaSeconds),
      ceilingLabel: '—', ceiling: null, goal: 'exactly the quota VALID', met: valid === quota,
      note: `${valid} VALID of a quota of ${quota} (block ${Math.ceil(quota / 50)}, capped at 1000), then USAGE_EXHAUSTED`,
    });

    // (j): a rate limit of L per window at two pipelines, 3·L attempts, alternating.
    const limit = quick ? 2_000 : 5_000;
    const rated = keysWith({ rateLimit: { limit, windowSeconds: 86_400 } });
    const [ra, rb] = [pipeline(rated.source), pipeline(rated.source)];
    let accepted = 0;
    await Promise.all(
      Array.from({ length: 50 }, async (_, caller) => {
        for (let i = 0; i < (3 * limit) / 50; i++) if ((await (caller % 2 === 0 ? ra : rb).verify(rated.token)).valid) accepted++;
      }),
    );
    const block = Math.ceil(limit / 20);
    rows.push({
      id: 'j', scenario: `rate limit of ${limit} per window at 2 instances, ${3 * limit} attempts`, figure: 'accepted', value: accepted,
      ceilingLabel: 'the limit', ceiling: limit, goal: `≤ limit; ≥ limit − (block − 1) = ${limit - (block - 1)}`,
      met: accepted <= limit && accepted >= limit - (block - 1),
      note: `overshoot ${Math.max(0, accepted - limit)} (ε = ${round4(Math.max(0, accepted - limit) / limit)}), stranded ${Math.max(0, limit - accepted)} of at most ${block - 1}`,
    });
    await Promise.all([a, b, ra, rb].map((p) => p.beforeApplicationShutdown()));
    return rows;
  } finally {
    await connection.close();
  }
}

const round4 = (n: number) => Math.round(n * 1e4) / 1e4;
