import { DEFAULT_KEY_EVENTS_TOPIC } from '@pxxl/contracts';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { randomBytes } from 'node:crypto';
import type { LimitRow as BenchRow } from './limits';

/**
 * (i) How cost grows with the data: each figure at several sizes, judged as
 * the largest size's value over the smallest's (a flat cost stays near 1).
 */
export interface ScaleSeries {
  figure: string;
  unit: string;
  /** The largest-over-smallest ratio the goal allows. */
  limit: number;
  points: Array<{ size: number; value: number }>;
}

type Api = (method: string, path: string, body?: unknown, token?: string) => Promise<{ status: number; body: any }>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const elapsedMs = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function p(samples: number[], at: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor((at / 100) * sorted.length))]);
}

/** The row of a series: the largest size's value against the smallest's. */
export function scaleRow(series: ScaleSeries, note: string): BenchRow {
  const first = series.points[0];
  const last = series.points[series.points.length - 1];
  const ratio = first.value > 0 ? last.value / first.value : Infinity;
  return {
    id: 'i-scale',
    scenario: `${series.figure} at ${series.points.map((pt) => pt.size.toLocaleString('en')).join(' / ')}`,
    figure: `${series.unit} at ${last.size.toLocaleString('en')}`,
    value: last.value,
    ceilingLabel: `the same at ${first.size.toLocaleString('en')}`,
    ceiling: first.value,
    goal: `≤ ${series.limit} × the smallest`,
    met: series.points.length > 1 && ratio <= series.limit,
    note: `${series.points.map((pt) => `${pt.size.toLocaleString('en')}: ${pt.value} ${series.unit}`).join('; ')}. ${note}`,
  };
}

/**
 * Create p99 and cold verify p99 with `sizes` keys in the read model. The
 * views are copies of a real one with new ids, written straight into
 * `key_views` (one workspace, as a large tenant would have them); at each size
 * `samples` keys are created over HTTP and each verified once, so every verify
 * misses the cache (one `_id` read and one bcrypt compare).
 */
export async function benchReadModelScale(options: { mongoUri: string; api: Api; admin: string; sizes: number[]; samples: number }): Promise<{ series: ScaleSeries[]; made: Array<{ id: string; key: string }>; notes: string[] }> {
  const client = await MongoClient.connect(options.mongoUri);
  const views = client.db().collection<{ _id: string }>('key_views');
  const made: Array<{ id: string; key: string }> = [];
  const create: ScaleSeries = { figure: 'create p99 vs keys in the read model', unit: 'ms', limit: 1.3, points: [] };
  const verify: ScaleSeries = { figure: 'cold verify p99 vs keys in the read model', unit: 'ms', limit: 1.3, points: [] };
  const notes: string[] = [];
  try {
    let seeded = 0;
    const template = await views.findOne({});
    if (!template) throw new Error('scale: no view to copy');
    // Counted once (a count reads every document on FerretDB), then kept up to date here.
    let have = await views.countDocuments({});
    for (const size of options.sizes) {
      const started = Date.now();
      for (let next = Math.max(0, size - have - options.samples); next > 0; ) {
        const batch = Math.min(5000, next);
        await views.insertMany(Array.from({ length: batch }, (_, i) => ({ ...template, _id: `S${String(seeded + i).padStart(15, '0')}` })), { ordered: false });
        seeded += batch;
        have += batch;
        next -= batch;
      }
      have += options.samples;
      const seedSeconds = round((Date.now() - started) / 1000);
      const createMs: number[] = [];
      const verifyMs: number[] = [];
      const fresh: Array<{ id: string; key: string }> = [];
      for (let i = 0; i < options.samples; i++) {
        const sent = process.hrtime.bigint();
        const created = await options.api('POST', '/v1/keys', { name: `scale ${size} ${i}`, scopes: ['deployments:read'], expiresAt: new Date(Date.now() + 30 * 86400_000).toISOString() }, options.admin);
        createMs.push(elapsedMs(sent));
        if (created.status !== 201) throw new Error(`scale: create answered ${created.status}`);
        fresh.push({ id: created.body.id, key: created.body.key });
      }
      for (const { key } of fresh) {
        const sent = process.hrtime.bigint();
        const answer = await options.api('POST', '/v1/verify', { key }, undefined);
        verifyMs.push(elapsedMs(sent));
        if (!answer.body?.valid) throw new Error(`scale: a fresh key did not verify: ${JSON.stringify(answer.body)}`);
      }
      made.push(...fresh);
      create.points.push({ size, value: p(createMs, 99) });
      verify.points.push({ size, value: p(verifyMs, 99) });
      notes.push(`${size.toLocaleString('en')} keys: seeded in ${seedSeconds} s, create p50 ${p(createMs, 50)} ms, cold verify p50 ${p(verifyMs, 50)} ms`);
    }
  } finally {
    await client.close();
  }
  return { series: [create, verify], made, notes };
}

/**
 * Revocation propagation p99 with `counts` subscribers: each a consumer
 * group of its own, as every revocation listener is (kafkajs, fetch wait
 * 500 ms), all in this process. From sending the revoke to each subscriber
 * handing the KeyRevoked to its code; every (subscriber, revocation) pair is a sample.
 */
export async function benchRevocationFanOut(options: { brokers: string[]; api: Api; admin: string; keys: Array<{ id: string }>; counts: number[]; revocations: number }): Promise<ScaleSeries> {
  const kafka = new Kafka({ clientId: 'bench-fan-out', brokers: options.brokers, logLevel: logLevel.NOTHING });
  const consumers: Consumer[] = [];
  const waiting = new Map<string, { sent: bigint; heard: number[]; done: () => void; expected: number }>();
  const series: ScaleSeries = { figure: 'revocation propagation p99 vs subscribers', unit: 'ms', limit: 1.5, points: [] };
  const keys = [...options.keys];
  try {
    for (const count of options.counts) {
      while (consumers.length < count) {
        const consumer = kafka.consumer({ groupId: `bench-fan-out-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 500 });
        await consumer.connect();
        await consumer.subscribe({ topic: DEFAULT_KEY_EVENTS_TOPIC, fromBeginning: false });
        await consumer.run({
          eachMessage: async ({ message }) => {
            const event = JSON.parse(message.value!.toString());
            const wait = event.type === 'KeyRevoked' ? waiting.get(event.keyId) : undefined;
            if (!wait) return;
            wait.heard.push(elapsedMs(wait.sent));
            if (wait.heard.length === wait.expected) wait.done();
          },
        });
        consumers.push(consumer);
      }
      await sleep(3000); // every group joined and positioned at the end of the topic
      const samples: number[] = [];
      for (let i = 0; i < options.revocations; i++) {
        const key = keys.shift();
        if (!key) throw new Error('fan-out: not enough keys to revoke');
        let done!: () => void;
        const all = new Promise<void>((resolve) => (done = resolve));
        const wait = { sent: process.hrtime.bigint(), heard: [] as number[], done, expected: count };
        waiting.set(key.id, wait);
        const answer = await options.api('POST', `/v1/keys/${key.id}/revoke`, {}, options.admin);
        // 202: stored and published, the read model not yet updated within READ_YOUR_WRITES_TIMEOUT_MS (a loaded machine); the topic has it all the same.
        if (answer.status !== 200 && answer.status !== 202) throw new Error(`fan-out: revoke answered ${answer.status}`);
        await Promise.race([all, sleep(10_000)]);
        if (wait.heard.length < count) throw new Error(`fan-out: ${count - wait.heard.length} of ${count} subscribers did not hear a revocation in 10 s`);
        waiting.delete(key.id);
        samples.push(...wait.heard);
      }
      series.points.push({ size: count, value: p(samples, 99) });
    }
  } finally {
    await Promise.allSettled(consumers.map((c) => c.disconnect()));
  }
  return series;
}
