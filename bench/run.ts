/* eslint-disable no-console */
import { DEFAULT_CACHE_OPTIONS, TokenHasher, VerificationPipeline } from '@pxxl/verification';
import { DEFAULT_KEY_EVENTS_TOPIC, formatToken, newKeyId, newSecret, type VerificationResult } from '@pxxl/contracts';
import * as bcrypt from 'bcrypt';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { generateSignerKey } from '@pxxl/audit-trail';
import { freePortSync } from '../test/support/free-port';
import { httpRequest } from '../test/support/http';
import { auditIngestRow, benchAuditIngest, bootstrapAuditedWorkspace, storePid } from './audit-ingest';
import { benchIdle } from './idle';
import { renderScaleChart } from './scale-chart';
import { benchReadModelScale, benchRevocationFanOut, scaleRow, type ScaleSeries } from './scaling';
import { benchInclusionProof } from './inclusion-proof';
import { ProcessStack } from '../test/support/process-stack';
import { benchLimits } from './limits';
import { benchWarmVerifyHttp } from './warm-verify-http';

/**
 * `npm run bench [-- --quick]`: starts the stack as `npm start` would, on
 * fresh data, runs each scenario next to a ceiling measured in the same run,
 * and writes bench/results/latest.{json,md}. Goals are judged from the
 * report, never asserted in tests.
 */
const ROOT = __dirname.slice(0, __dirname.lastIndexOf('/dist/'));
const QUICK = process.argv.includes('--quick');
/** `--scale`: (i) also at 1,000,000 keys in the read model. */
const SCALE = process.argv.includes('--scale');
/** `--only a,d`: run these rows only (ids as in the report; a row's prerequisites still run). The report is then partial. */
const ONLY = (() => {
  const at = process.argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (at < 0) return null;
  const list = process.argv[at].includes('=') ? process.argv[at].split('=')[1] : process.argv[at + 1];
  return new Set((list ?? '').split(',').map((id) => id.trim()).filter(Boolean));
})();
const selected = (id: string) => ONLY === null || ONLY.has(id);
/** `--profile`: CPU profiles of the key service under load (a), written to bench/results/profiles/. */
const PROFILE = process.argv.includes('--profile');
/** A partial run never replaces the full report. */
const REPORT = ONLY === null ? 'latest' : `only-${[...ONLY].join('-').replace(/'/g, 'p')}`;
const BCRYPT_COST = 10;
/** How often (e) asks the subscribed service; probing much faster loads the 2 cores everything shares. */
const PROBE_INTERVAL_MS = 5;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const infra = require(join(ROOT, 'scripts/infra'));

interface Row {
  id: string;
  scenario: string;
  figure: string;
  value: number;
  ceilingLabel: string;
  ceiling: number | null;
  ratio: number | null;
  goal: string;
  met: boolean;
  note?: string;
}

const rows: Row[] = [];
const scaleSeries: ScaleSeries[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function add(row: Omit<Row, 'ratio'> & { ratio?: number | null }): void {
  const full: Row = { ratio: row.ceiling ? round(row.value / row.ceiling, 2) : null, ...row };
  rows.push(full);
  console.log(`[bench] ${full.id} ${full.figure}: ${full.value} (ceiling ${full.ceiling ?? '—'}, ratio ${full.ratio ?? '—'}) goal ${full.goal}: ${full.met ? 'met' : 'NOT met'}`);
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const value = await run();
  return [value, Number(process.hrtime.bigint() - started) / 1e6];
}

async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'pxxl-bench-'));
  await infra.provisionAll({ log: () => undefined });
  const stackInfra = await infra.startInfra({ dataDir, log: () => undefined });
  const env: Record<string, string> = {
    KAFKA_BROKERS: stackInfra.env.KAFKA_BROKERS,
    MONGODB_URI: `${stackInfra.env.MONGODB_URI.replace(/\/$/, '')}/pxxl_keys`,
    BCRYPT_COST: String(BCRYPT_COST),
    LOG_LEVEL: 'warn',
    AUDIT_SIGNING_KEY_FILE: join(dataDir, 'audit-signing.key'),
    // One key-service instance: its own commands drop its cache, so a warm verify needs no read
    // (the default `always` costs one `_id` read per warm verify: docs/operations.md, "Scaling out").
    VERIFY_CONFIRMS_READ_MODEL: 'never',
  };
  writeFileSync(env.AUDIT_SIGNING_KEY_FILE, generateSignerKey('pxxl-keys.bench', randomBytes(32)) + '\n', { mode: 0o600 });
  const stack = new ProcessStack(env, mkdtempSync(join(tmpdir(), 'pxxl-bench-logs-')));
  const profileEnv = { NODE_OPTIONS: `--require ${join(ROOT, 'bench/cpu-profile-hook.js')}`, PXXL_PROFILE_DIR: join(ROOT, 'bench/results/profiles') };
  if (PROFILE) mkdirSync(profileEnv.PXXL_PROFILE_DIR, { recursive: true });
  try {
    const auditPort = freePortSync();
    const auditUrl = `http://127.0.0.1:${auditPort}`;
    for (const app of ['projector', 'audit', 'key-service'] as const) await stack.start(app, app, app === 'audit' ? { port: auditPort } : {});
    const admin = JSON.parse(
      execFileSync(process.execPath, [join(ROOT, 'bin/pxxl-keys.js'), 'bootstrap', '--workspace', 'bench', '--json'], { env: { ...process.env, ...env }, encoding: 'utf8' }),
    ).key as string;
    const api = (method: string, path: string, body?: unknown, token: string | undefined = admin) => httpRequest(stack.url, method, path, { token, body });

    // Where the time goes: a watcher on the key topic stamps when each event first arrives.
    const kafka = new Kafka({ clientId: 'bench-ceiling', brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
    const watcher = kafka.consumer({ groupId: `bench-watch-${randomBytes(3).toString('hex')}`, maxWaitTimeInMs: 20 });
    const onTopicAt = new Map<string, bigint>();
    await watcher.connect();
    await watcher.subscribe({ topic: DEFAULT_KEY_EVENTS_TOPIC, fromBeginning: false });
    await watcher.run({
      eachMessage: async ({ message }) => {
        const event = JSON.parse(message.value!.toString());
        const at = `${event.type}:${event.keyId}`;
        if (!onTopicAt.has(at)) onTopicAt.set(at, process.hrtime.bigint());
      },
    });
    await sleep(3000);
    // (d) create → verifiable, first: it also makes the keys (c) verifies cold.
    // (c) and (e) use these keys too; without them, (a) needs one.
    const creates = selected('d') || selected('c') || selected('e') ? (QUICK ? 100 : 500) : 1;
    const createMs: number[] = [];
    const createToTopicMs: number[] = [];
    const made: Array<{ id: string; key: string }> = [];
    let firstVerifyValid = 0;
    const createSentAt = new Map<string, bigint>();
    for (let i = 0; i < creates; i++) {
      const sent = process.hrtime.bigint();
      const [created, ms] = await timed(() => api('POST', '/v1/keys', { name: `bench ${i}`, scopes: ['deployments:read'], expiresAt: inDays(30) }));
      createMs.push(ms);
      createSentAt.set(created.body.id, sent);
      made.push({ id: created.body.id, key: created.body.key });
      if (i % 2 === 0 && (await api('POST', '/v1/verify', { key: created.body.key }, undefined)).body?.valid) firstVerifyValid++;
    }
    // A creation answers without waiting for the topic: collect the arrivals once they are all in.
    for (let waited = 0; waited < 10_000 && [...createSentAt.keys()].some((id) => !onTopicAt.has(`KeyCreated:${id}`)); waited += 100) await sleep(100);
    for (const [id, sent] of createSentAt) {
      const onTopic = onTopicAt.get(`KeyCreated:${id}`);
      if (onTopic) createToTopicMs.push(Number(onTopic - sent) / 1e6);
    }
    const hashMs: number[] = [];
    for (let i = 0; i < (selected('d') ? (QUICK ? 50 : 200) : 0); i++) hashMs.push((await timed(() => bcrypt.hash(newSecret(), BCRYPT_COST)))[1]);
    const createP99 = percentile(createMs, 99);
    const hashP99 = percentile(hashMs, 99);
    if (selected('d')) add({
      id: 'd', scenario: 'create → verifiable', figure: `create p50 / p99 ms over ${creates} creates`, value: round(createP99),
      ceilingLabel: 'bcrypt.hash p99 ms (cost 10)', ceiling: round(hashP99), goal: 'first verify always valid; create p99 ≤ hash p99 + 50 ms',
      met: firstVerifyValid === Math.ceil(creates / 2) && createP99 <= hashP99 + 50,
      note:
        `p50 ${round(percentile(createMs, 50))} ms; first verify valid ${firstVerifyValid}/${Math.ceil(creates / 2)}; ` +
        `hash p50 ${round(percentile(hashMs, 50))} ms; create sent → KeyCreated on the topic p50 / p99 ${round(percentile(createToTopicMs, 50))} / ${round(percentile(createToTopicMs, 99))} ms ` +
        `(${createToTopicMs.length} seen)`,
    });

    // (c) cold verify: a fresh key-service has an empty cache; keys never verified there yet.
    if (selected('c')) {
      await sleep(5000); // let the consumers and the usage recorder settle before the restart
      await stack.kill('key-service', 'SIGTERM');
      await stack.start('key-service', 'key-service');
      // A restarted process runs its first requests unoptimized (JIT, first connections): warm the
      // code path with unknown keys (same read and a dummy bcrypt) so "cold" means an empty cache only.
      for (let i = 0; i < 20; i++) await api('POST', '/v1/verify', { key: formatToken(newKeyId(), newSecret()) }, undefined);
      const cold = made.filter((_, i) => i % 2 === 1).slice(0, QUICK ? 50 : 200);
      const coldMs: number[] = [];
      for (const { key } of cold) coldMs.push((await timed(() => api('POST', '/v1/verify', { key }, undefined)))[1]);
      const compareMs: number[] = [];
      const hash = await bcrypt.hash('x'.repeat(32), BCRYPT_COST);
      for (let i = 0; i < cold.length; i++) compareMs.push((await timed(() => bcrypt.compare('x'.repeat(32), hash)))[1]);
      add({
        id: 'c', scenario: 'cold verify over HTTP (cache empty)', figure: 'p99 ms', value: round(percentile(coldMs, 99)),
        ceilingLabel: 'bare bcrypt.compare p99 ms (cost 10)', ceiling: round(percentile(compareMs, 99)), goal: 'p99 ≤ 1.5 × bare compare p99',
        met: percentile(coldMs, 99) <= 1.5 * percentile(compareMs, 99), note: `p50 ${round(percentile(coldMs, 50))} ms vs bare ${round(percentile(compareMs, 50))} ms`,
      });
    }

    // (a) warm verify over HTTP vs a bare Fastify route with the same answer: this instance as the bench
    // runs it (one instance, `never`), and a second one with the default `always` (docs/operations.md, "Scaling out").
    if (selected('a') || selected('g')) {
      const warmKey = made[0].key;
      const answer = (await api('POST', '/v1/verify', { key: warmKey }, undefined)).text;
      if (PROFILE) {
        await stack.kill('key-service', 'SIGTERM');
        await stack.start('key-service', 'key-service', { env: profileEnv });
      }
      const confirmingPort = freePortSync();
      await stack.start('key-service-confirming', 'key-service', { port: confirmingPort, env: { VERIFY_CONFIRMS_READ_MODEL: 'always', ...(PROFILE ? profileEnv : {}) } });
      for (const row of await benchWarmVerifyHttp({
        root: ROOT,
        targets: [
          { url: stack.url, confirms: 'never', pid: stack.pid('key-service')! },
          { url: `http://127.0.0.1:${confirmingPort}`, confirms: 'always', pid: stack.pid('key-service-confirming')! },
        ],
        key: warmKey,
        answer,
        quick: QUICK,
        profileDir: PROFILE ? profileEnv.PXXL_PROFILE_DIR : undefined,
      }))
        if (selected(row.id.replace("'", '')) || selected('a')) add(row);
      await stack.kill('key-service-confirming', 'SIGTERM');
    }

    // (g) memory of each app right after (a).
    for (const app of selected('g') ? ['key-service', 'projector', 'audit'] : []) {
      const rss = stack.rssMiB(app) ?? -1;
      add({ id: 'g', scenario: `memory: ${app} after (a)`, figure: 'RSS MiB', value: rss, ceilingLabel: '—', ceiling: null, goal: '≤ 200 MB', met: rss > 0 && rss <= 200 });
    }

    const ops = QUICK ? 300_000 : 1_000_000;
    // (b) warm verify in process: the verification pipeline (libs/verification) with a warm key vs a bare Map.get.
    if (selected('b')) {
      const token = formatToken(newKeyId(), newSecret());
      const valid: VerificationResult = { valid: true, code: 'VALID', keyId: token.slice(5, 21), workspaceId: 'bench', scopes: ['deployments:read'], expiresAt: inDays(30), validUntil: inDays(30), version: 1 };
      const cache = new VerificationPipeline({ backend: { ask: async () => valid }, cache: { ...DEFAULT_CACHE_OPTIONS, maxStalenessMs: 60_000 }, throttle: null });
      await cache.verify(token);
      const [, cacheMs] = await timed(async () => {
        for (let i = 0; i < ops; i++) await cache.verify(token);
      });
      const precomputed = new TokenHasher().hash(token);
      const map = new Map([[precomputed, valid]]);
      let sink = 0;
      const [, mapMs] = await timed(async () => {
        for (let i = 0; i < ops; i++) if (map.get(precomputed)) sink++;
      });
      add({
        id: 'b', scenario: 'warm verify in process (VerificationPipeline)', figure: 'ops/s', value: Math.round(ops / (cacheMs / 1000)),
        ceilingLabel: 'bare Map.get of a precomputed keyed hash, ops/s', ceiling: Math.round(ops / (mapMs / 1000)), goal: '≥ 250,000 ops/s',
        met: ops / (cacheMs / 1000) >= 250_000 && cache.stats().lookups === 1, note: `no I/O, no bcrypt: the backend was asked ${cache.stats().lookups} time(s) in ${ops} verifications`,
      });
    }

    // (b') the same warm verify with metrics on (counted and timed as POST /v1/verify is) against off: each in a
    // process of its own (one pipeline per process, as in an app), alternated three times, median of each.
    if (selected("b'") || selected("b''") || selected('b')) {
      const probe = (mode: 'on' | 'off' | 'tracing-off') =>
        JSON.parse(execFileSync(process.execPath, [join(ROOT, 'dist/bench/warm-verify-probe.js'), mode, String(ops)], { encoding: 'utf8' })) as { opsPerCpuSecond: number; counted: number; sdkModules: number };
      const probes: Record<'on' | 'off' | 'tracing-off', Array<{ opsPerCpuSecond: number; counted: number; sdkModules: number }>> = { on: [], off: [], 'tracing-off': [] };
      for (let round = 0; round < 3; round++) {
        for (const mode of round % 2 ? (['on', 'tracing-off', 'off'] as const) : (['off', 'tracing-off', 'on'] as const)) probes[mode].push(probe(mode));
      }
      const median = (runs: Array<{ opsPerCpuSecond: number }>) => runs.map((r) => r.opsPerCpuSecond).sort((a, b) => a - b)[1];
      const [metricsOn, metricsOff] = [median(probes.on), median(probes.off)];
      add({
        id: "b'", scenario: 'warm verify in process, metrics on (counted by code and path, latency sampled)', figure: 'ops per CPU second', value: Math.round(metricsOn),
        ceilingLabel: 'the same with metrics off, same run, ops per CPU second', ceiling: Math.round(metricsOff), goal: '≥ 95% of metrics off',
        met: metricsOn >= 0.95 * metricsOff && probes.on.every((r) => r.counted === ops + 50_000),
        note: `medians of 3 alternated processes each (${ops} warm verifications after 50,000 to warm up; CPU time, so other load on the shared cores counts less); on: ${probes.on.map((r) => Math.round(r.opsPerCpuSecond)).join(', ')}, off: ${probes.off.map((r) => Math.round(r.opsPerCpuSecond)).join(', ')}; the registry counted every VALID answer`,
      });

      // (b'') tracing off, as every app runs without OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_TRACES_EXPORTER: the same warm
      // verify after startTracing ran as the mains run it, against a process that never touched tracing.
      const tracingOff = median(probes['tracing-off']);
      add({
        id: "b''", scenario: 'warm verify in process, tracing off (started as the mains start it, no exporter configured)', figure: 'ops per CPU second', value: Math.round(tracingOff),
        ceilingLabel: 'the same with no tracing code at all (metrics off), same run, ops per CPU second', ceiling: Math.round(metricsOff), goal: '≥ 97% of no tracing (the noise of alternated runs), no SDK module loaded',
        met: tracingOff >= 0.97 * metricsOff && probes['tracing-off'].every((r) => r.sdkModules === 0),
        note: `medians of 3 alternated processes each; tracing off: ${probes['tracing-off'].map((r) => Math.round(r.opsPerCpuSecond)).join(', ')}; OpenTelemetry SDK modules loaded: ${probes['tracing-off'].map((r) => r.sdkModules).join(', ')}`,
      });
    }

    // (h) (i) (j): the limit steps — warm cost, an exact quota and the rate limit's bound at two instances.
    if (selected('h') || selected('i') || selected('j')) {
      for (const row of await benchLimits(`${stackInfra.env.MONGODB_URI.replace(/\/$/, '')}/bench_limits`, QUICK)) add(row);
    }

    // (e) revoke → refused by a subscribed service (deploy-status in another process, key warm there).
    if (selected('e')) {
      const examplePort = 20000 + Math.floor(Math.random() * 20000);
      await stack.start('deploy-status', 'key-service', {
        entry: 'dist/examples/deploy-status/src/main.js',
        port: examplePort,
        env: { KEY_SERVICE_URL: stack.url, BEARER_AUTH_MODE: 'remote' },
      });
      const example = `http://127.0.0.1:${examplePort}`;
      const revocations = QUICK ? 50 : 200;
      const refusedMs: number[] = [];
      const toTopicMs: number[] = [];
      const topicToRefusedMs: number[] = [];
      const answeredMs: number[] = [];
      for (const { id, key } of made.slice(2, 2 + revocations)) {
        const warm = await httpRequest(example, 'GET', '/v1/deployments/dep_1001', { token: key });
        if (warm.status !== 200) throw new Error(`deploy-status refused a valid key: ${warm.status} ${warm.text}`);
        const sent = process.hrtime.bigint();
        const revoked = api('POST', `/v1/keys/${id}/revoke`, {}).then(() => answeredMs.push(Number(process.hrtime.bigint() - sent) / 1e6));
        for (;;) {
          const probe = await httpRequest(example, 'GET', '/v1/deployments/dep_1001', { token: key });
          if (probe.status === 401) break;
          await sleep(PROBE_INTERVAL_MS);
        }
        const refused = process.hrtime.bigint();
        refusedMs.push(Number(refused - sent) / 1e6);
        await revoked;
        const onTopic = onTopicAt.get(`KeyRevoked:${id}`);
        if (onTopic) {
          toTopicMs.push(Number(onTopic - sent) / 1e6);
          topicToRefusedMs.push(Number(refused - onTopic) / 1e6);
        }
      }
      await watcher.disconnect();
      const topic = `bench-ceiling-${randomBytes(3).toString('hex')}`;
      const admin2 = kafka.admin();
      await admin2.connect();
      await admin2.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await admin2.disconnect();
      const producer = kafka.producer();
      const consumer = kafka.consumer({ groupId: `${topic}-g`, maxWaitTimeInMs: 50 });
      await Promise.all([producer.connect(), consumer.connect()]);
      await consumer.subscribe({ topic, fromBeginning: true });
      const pairMs: number[] = [];
      let resolveOne: (() => void) | undefined;
      await consumer.run({ eachMessage: async ({ message }) => {
        pairMs.push(Number(process.hrtime.bigint() - BigInt(message.value!.toString())) / 1e6);
        resolveOne?.();
      } });
      await sleep(1000);
      for (let i = 0; i < revocations; i++) {
        const got = new Promise<void>((resolve) => (resolveOne = resolve));
        await producer.send({ topic, messages: [{ value: String(process.hrtime.bigint()) }] });
        await got;
      }
      await Promise.all([producer.disconnect(), consumer.disconnect()]);
      add({
        id: 'e', scenario: 'revoke → refused by a subscribed service', figure: `p99 ms over ${revocations} revocations`, value: round(percentile(refusedMs, 99)),
        ceilingLabel: 'bare kafkajs produce→consume p99 ms', ceiling: round(percentile(pairMs, 99)), goal: 'p99 ≤ 100 ms',
        met: percentile(refusedMs, 99) <= 100, note:
          `p50 ${round(percentile(refusedMs, 50))} ms (ceiling p50 ${round(percentile(pairMs, 50))} ms); measured from sending the revoke, probing every ${PROBE_INTERVAL_MS} ms. ` +
          `Split, p50 / p99: revoke sent → KeyRevoked on the topic ${round(percentile(toTopicMs, 50))} / ${round(percentile(toTopicMs, 99))} ms; ` +
          `on the topic → refused by the subscriber ${round(percentile(topicToRefusedMs, 50))} / ${round(percentile(topicToRefusedMs, 99))} ms; ` +
          `revoke answered (read model updated) ${round(percentile(answeredMs, 50))} / ${round(percentile(answeredMs, 99))} ms`,
      });
    }

    // (h) the stack idle after the loads above (bench/idle.ts); the subscribed service is reported apart.
    if (selected('h-idle')) {
      const apps = { 'key-service': stack.pid('key-service')!, projector: stack.pid('projector')!, audit: stack.pid('audit')! };
      for (const row of await benchIdle({ apps, kafka: stackInfra.kafka.pid, ferretdb: stackInfra.mongo.pid, extra: { 'deploy-status': stack.pid('deploy-status')! }, settleSeconds: 10, seconds: QUICK ? 20 : 60 })) add(row);
    }

    // (f) projection rebuild from the event log vs the store's raw bulk insert rate.
    if (selected('f')) {
      const events = QUICK ? 30_000 : 100_000;
      const client = await MongoClient.connect(stackInfra.env.MONGODB_URI);
      const db = client.db('bench_rebuild');
      const template = await client.db('pxxl_keys').collection('key_events').findOne({ type: 'KeyCreated' });
      const docs = Array.from({ length: events }, (_, i) => {
        const keyId = `B${String(Math.floor(i / 2)).padStart(15, '0')}`;
        const version = (i % 2) + 1;
        const base = { ...template!, _id: `${keyId}:${version}`, keyId, eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, version };
        return version === 1 ? base : { ...base, type: 'KeyRevoked', data: { reason: 'bench' } };
      });
      const [, insertMs] = await timed(async () => {
        for (let i = 0; i < docs.length; i += 1000) await db.collection('key_events').insertMany(docs.slice(i, i + 1000) as never[], { ordered: false });
      });
      // A second bound: how fast the store serves a full read of the same log (the rebuild must read it all).
      const [, readMs] = await timed(async () => {
        for await (const doc of db.collection('key_events').find({}).batchSize(1000)) void doc;
      });
      await client.close();
      const rebuilt = JSON.parse(
        execFileSync(process.execPath, [join(ROOT, 'bin/pxxl-keys.js'), 'projections', 'rebuild', '--json'], {
          env: { ...process.env, ...env, MONGODB_URI: `${stackInfra.env.MONGODB_URI.replace(/\/$/, '')}/bench_rebuild` },
          encoding: 'utf8',
          maxBuffer: 10 * 1024 * 1024,
        }),
      );
      const insertRate = Math.round(events / (insertMs / 1000));
      const readRate = Math.round(events / (readMs / 1000));
      const bound = Math.min(insertRate, readRate);
      add({
        id: 'f', scenario: 'projection rebuild from the event log', figure: `events/s over ${events} events`, value: rebuilt.eventsPerSecond,
        ceilingLabel: `the lower of the store's raw read and raw insert of the same events (${readRate <= insertRate ? 'read' : 'insert'}), docs/s`, ceiling: bound,
        goal: '≥ 80% of the lower of raw read and raw insert', met: rebuilt.eventsPerSecond >= 0.8 * bound,
        note:
          `${rebuilt.views} views in ${round(rebuilt.seconds)} s (${rebuilt.order}); raw full read ${readRate} docs/s, raw bulk insert ${insertRate} docs/s, both by 1,000 ` +
          `(the rebuild reads every event and writes one view per key: it cannot beat the read rate)`,
      });
    }

    // (k) an inclusion proof in a tree of a million entries; (i-scale) reports its p99.
    let proofs: Awaited<ReturnType<typeof benchInclusionProof>> | undefined;
    if (selected('k') || selected('i-scale')) {
      const treeAdmin = await bootstrapAuditedWorkspace(env, auditUrl, 'bench-tree');
      proofs = await benchInclusionProof({ mongoUri: env.MONGODB_URI, auditUrl: auditUrl, token: treeAdmin, workspaceId: 'bench-tree', leaves: QUICK ? 100_000 : 1_000_000, samples: QUICK ? 50 : 200 });
      add({
        id: 'k', scenario: `inclusion proof served from a tree of ${proofs.leaves.toLocaleString('en')} entries`, figure: `ms, p95 of ${proofs.samples} proofs (the route's proof code over the store)`, value: proofs.proof.p95,
        ceilingLabel: 'authentication alone, ms p95 (GET /v1/audit/events?limit=1)', ceiling: proofs.authOnly.p95, goal: '< 50 ms', met: proofs.proof.p95 < 50,
        note:
          `proof p50 ${proofs.proof.p50} ms; the whole GET /v1/audit/proofs/inclusion p50 ${proofs.http.p50} ms, p95 ${proofs.http.p95} ms, of which authentication ` +
          `(a bcrypt check per request, the audit app caches no key) p50 ${proofs.authOnly.p50} ms; every proof verified against the signed checkpoint; ` +
          `chain and tree hashes seeded straight into the store in ${proofs.seedSeconds} s (a proof reads O(log n) hashes by _id, never the leaves)`,
      });
    }

    if (selected('l')) {
      // (l) the audit app's ingest rate with the signed log on, against the soak's event rate.
      const ingestAdmin = await bootstrapAuditedWorkspace(env, auditUrl, 'bench-ingest');
      const ingestPids = { audit: stack.pid('audit')!, store: storePid(stackInfra) };
      add(auditIngestRow(await benchAuditIngest({ brokers: env.KAFKA_BROKERS.split(','), mongoUri: env.MONGODB_URI, auditUrl, token: ingestAdmin, workspaceId: 'bench-ingest', events: QUICK ? 900 : 3000, pids: ingestPids })));
    }

    if (selected('i-scale')) {
      // (i) how cost grows with the data (bench/scaling.ts): 1,000,000 keys only with --scale.
      const scaleStarted = Date.now();
      const readModel = await benchReadModelScale({ mongoUri: env.MONGODB_URI, api, admin, sizes: SCALE ? [1000, 100_000, 1_000_000] : [1000, 100_000], samples: QUICK ? 30 : 100 });
      const readModelSeconds = round((Date.now() - scaleStarted) / 1000);
      const fanOutStarted = Date.now();
      const fanOut = await benchRevocationFanOut({ brokers: env.KAFKA_BROKERS.split(','), api, admin, keys: readModel.made, counts: [1, 10, 50], revocations: QUICK ? 20 : 50 });
      const fanOutSeconds = round((Date.now() - fanOutStarted) / 1000);
      for (const series of readModel.series) add(scaleRow(series, `${readModel.notes.join('; ')}; this part took ${readModelSeconds} s${SCALE ? '' : ' (1,000,000 keys: npm run bench -- --scale)'}`));
      add(scaleRow(fanOut, `subscribers: consumer groups of their own in the bench process, fetch wait 500 ms like a revocation listener; ${QUICK ? 20 : 50} revocations each; took ${fanOutSeconds} s`));
      if (proofs) add({
        id: 'i-scale', scenario: `inclusion proof from a tree of ${proofs.leaves.toLocaleString('en')} entries`, figure: 'ms, p99 (the route\'s proof code over the store)', value: proofs.proof.p99,
        ceilingLabel: '—', ceiling: null, goal: '≤ 50 ms', met: proofs.leaves >= 1_000_000 && proofs.proof.p99 <= 50, note: `the same samples as (k)`,
      });
      scaleSeries.push(...readModel.series, fanOut);
    }
  } finally {
    await stack.stop();
    await stackInfra.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const report = {
    date: new Date().toISOString(),
    mode: `${QUICK ? 'quick' : 'full'}${SCALE ? ', --scale' : ''}${ONLY ? `, rows ${[...ONLY].join(', ')} only` : ''}`,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: round(totalmem() / 2 ** 30) },
    node: process.version,
    bcryptCost: BCRYPT_COST,
    store: {
      ferretdb: infra.FERRETDB_VERSION,
      patches: infra.FERRETDB_PATCHES.map((patch: { id: string }) => patch.id),
      sqliteSynchronous: infra.ferretdbSynchronousMode(),
    },
    durationS: round((Date.now() - started) / 1000),
    rows,
  };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, `bench/results/${REPORT}.json`), JSON.stringify(report, null, 2) + '\n');
  const md = [
    `# Benchmark (${report.mode}), ${report.date}`,
    '',
    `${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB, Node ${report.node}, bcrypt cost ${BCRYPT_COST}; took ${report.durationS} s. Kafka 4.1.1 (one KRaft node) and FerretDB ${report.store.ferretdb} ` +
      `(SQLite, synchronous=${report.store.sqliteSynchronous}; patches: ${report.store.patches.join(', ') || 'none'}) on the same machine.`,
    '',
    '| # | scenario | figure | value | ceiling (same run) | ceiling | ratio | goal | met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.id} | ${r.scenario} | ${r.figure} | ${r.value} | ${r.ceilingLabel} | ${r.ceiling ?? '—'} | ${r.ratio ?? '—'} | ${r.goal} | ${r.met ? 'met' : '**not met**'} |`),
    '',
    ...rows.filter((r) => r.note).map((r) => `- (${r.id}) ${r.note}`),
    '',
    ...(scaleSeries.length > 0 ? ['![(i) how cost grows with the data](scaling.svg)', ''] : []),
  ].join('\n');
  writeFileSync(join(ROOT, `bench/results/${REPORT}.md`), md);
  if (scaleSeries.length > 0) writeFileSync(join(ROOT, 'bench/results/scaling.svg'), renderScaleChart(scaleSeries, `How cost grows with the data (${report.mode}, ${report.date.slice(0, 10)}): each value over the smallest size's`));
  console.log(md);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
