/* eslint-disable no-console */
import { generateSignerKey } from '@pxxl/audit-trail';
import { DEFAULT_KEY_EVENTS_TOPIC, type KeyEvent } from '@pxxl/contracts';
import { topicMessage } from '@pxxl/kafka';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { created, fakeSecretHash, keyEvent, newTestKeyId } from '../test/support/audit';
import { freePortSync } from '../test/support/free-port';
import { httpRequest } from '../test/support/http';
import { ProcessStack } from '../test/support/process-stack';

const ROOT = __dirname.slice(0, __dirname.lastIndexOf('/dist/'));

export interface AuditIngestFigures {
  events: number;
  /** Entries recorded per second, from the first entry's recordedAt to the last's: chain position, entry and tree nodes each. */
  entriesPerSecond: number;
  /** From the first send to a signed checkpoint covering every event, s. */
  provableAfterS: number;
  /** Checkpoints signed and inclusion proofs served while the events came in (one of each a second, as reviewers and witnesses would ask). */
  checkpointsTaken: number;
  proofsServed: number;
  /** CPU seconds the audit app and the store spent meanwhile (what the machine's other load does not inflate), when their pids are known. */
  cpuSeconds: { audit: number; store: number } | null;
  /** The soak's rate of lifecycle events (created, rotated, revoked), from its latest short run. */
  soak: { eventsPerSecond: number; events: number; seconds: number; date: string };
}

/** The soak's lifecycle events per second: its create, rotate and revoke calls that changed a key (bench/results/soak-short.json). */
export function soakEventRate(file = join(ROOT, 'bench/results/soak-short.json')): AuditIngestFigures['soak'] {
  const soak = JSON.parse(readFileSync(file, 'utf8')) as { date: string; durationS: number; counts: Record<string, Record<string, number>> };
  const events = ['create', 'rotate', 'revoke']
    .flatMap((op) => Object.entries(soak.counts[op] ?? {}))
    .filter(([status]) => Number(status) < 300)
    .reduce((sum, [, count]) => sum + count, 0);
  return { eventsPerSecond: Math.round((events / soak.durationS) * 10) / 10, events, seconds: soak.durationS, date: soak.date };
}

/** `keys` keys, each created, rotated and revoked: the soak's mix of lifecycle events. */
function lifecycles(workspaceId: string, keys: number): KeyEvent[] {
  return Array.from({ length: keys }, () => newTestKeyId()).flatMap((keyId) => [
    keyEvent(created(keyId), { keyId, workspaceId, version: 1 }),
    keyEvent({ type: 'KeyRotated', data: { secretHash: fakeSecretHash(), displayPrefix: `pxxl_${keyId}_wxyz`, gracePeriodSeconds: 0, previousSecretValidUntil: null } }, { keyId, workspaceId, version: 2 }),
    keyEvent({ type: 'KeyRevoked', data: { reason: 'bench' } }, { keyId, workspaceId, version: 3 }),
  ]);
}

/** User + system CPU seconds of a process so far (Linux /proc; clock ticks of 1/100 s). */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A workspace's admin key (`pxxl-keys bootstrap`), once its creation is the workspace's first audit entry: no writer comes after what a row seeds. */
export async function bootstrapAuditedWorkspace(env: Record<string, string>, auditUrl: string, workspaceId: string): Promise<string> {
  const token = JSON.parse(
    execFileSync(process.execPath, [join(ROOT, 'bin/pxxl-keys.js'), 'bootstrap', '--workspace', workspaceId, '--json'], { env: { ...process.env, ...env }, encoding: 'utf8' }),
  ).key as string;
  for (let waited = 0; waited < 30_000; waited += 200) {
    if ((await httpRequest(auditUrl, 'GET', '/v1/audit/events', { token })).body?.items?.length) break;
    await sleep(200);
  }
  return token;
}

/**
 * (l) The audit app's ingest rate with the signed log on: a burst of lifecycle events of one
 * workspace (the worst case: one chain, one writer per position) stored and put on the key topic
 * as the outbox relay would, while a checkpoint is signed and an inclusion proof served every
 * second. The app records each entry, its chain position and its tree nodes as it does always.
 */
export async function benchAuditIngest(options: {
  brokers: string[];
  mongoUri: string;
  auditUrl: string;
  token: string;
  workspaceId: string;
  events: number;
  pids?: { audit: number; store: number };
}): Promise<AuditIngestFigures> {
  const get = (path: string) => httpRequest(options.auditUrl, 'GET', path, { token: options.token });
  const sizeNow = async () => Number((await get('/v1/audit/checkpoint')).text.split('\n')[1]);
  const before = await sizeNow();
  const events = lifecycles(options.workspaceId, Math.ceil(options.events / 3));
  const client = await MongoClient.connect(options.mongoUri);
  const kafka = new Kafka({ clientId: 'bench-audit-ingest', brokers: options.brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  let checkpointsTaken = 0;
  let proofsServed = 0;
  try {
    // Stored as published: the key service's event store holds every event the topic carries.
    const storedAt = new Date();
    await client.db().collection('key_events').insertMany(events.map((event) => ({ _id: `${event.keyId}:${event.version}`, ...event, storedAt, publishedAt: storedAt })) as never[]);
    const cpuBefore = options.pids && { audit: cpuSecondsOf(options.pids.audit), store: cpuSecondsOf(options.pids.store) };
    const started = Date.now();
    for (let i = 0; i < events.length; i += 500) await producer.send({ topic: DEFAULT_KEY_EVENTS_TOPIC, acks: -1, messages: events.slice(i, i + 500).map(topicMessage) });
    const target = before + events.length;
    let size = before;
    while (size < target) {
      if (Date.now() - started > 600_000) throw new Error(`the audit app recorded ${size - before} of ${events.length} events in 10 minutes`);
      await sleep(1000);
      size = await sizeNow();
      checkpointsTaken++;
      if ((await get(`/v1/audit/proofs/inclusion?seq=${size}&treeSize=${size}`)).status === 200) proofsServed++;
    }
    const provableAfterS = (Date.now() - started) / 1000;
    const round1 = (n: number) => Math.round(n * 10) / 10;
    const cpuSeconds = options.pids && cpuBefore ? { audit: round1(cpuSecondsOf(options.pids.audit) - cpuBefore.audit), store: round1(cpuSecondsOf(options.pids.store) - cpuBefore.store) } : null;
    const first = (await get(`/v1/audit/export?fromSeq=${before + 1}&toSeq=${before + 1}`)).text;
    const last = (await get(`/v1/audit/export?fromSeq=${target}&toSeq=${target}`)).text;
    const spanS = (Date.parse(JSON.parse(last).recordedAt) - Date.parse(JSON.parse(first).recordedAt)) / 1000;
    return {
      events: events.length,
      entriesPerSecond: Math.round((events.length - 1) / spanS),
      provableAfterS: Math.round(provableAfterS * 10) / 10,
      checkpointsTaken,
      proofsServed,
      cpuSeconds,
      soak: soakEventRate(),
    };
  } finally {
    await producer.disconnect();
    await client.close();
  }
}

/** FerretDB's pid, from the pid file scripts/infra writes beside its data. */
export function storePid(stackInfra: { mongo: { dataDir: string } }): number {
  return Number(readFileSync(join(stackInfra.mongo.dataDir, 'ferretdb.pid'), 'utf8').trim());
}

/** The bench row of (l), as bench/run.ts adds it. */
export function auditIngestRow(figures: AuditIngestFigures) {
  return {
    id: 'l',
    scenario: 'audit app ingest with the signed log on (one workspace)',
    figure: `entries/s over ${figures.events} lifecycle events`,
    value: figures.entriesPerSecond,
    ceilingLabel: `the soak's lifecycle events/s (${figures.soak.events} in ${Math.round(figures.soak.seconds)} s, ${figures.soak.date.slice(0, 10)})`,
    ceiling: figures.soak.eventsPerSecond,
    goal: '≥ the soak\'s event rate (keeps up)',
    met: figures.entriesPerSecond >= figures.soak.eventsPerSecond,
    note:
      `every entry chained and added to the tree as always; meanwhile ${figures.checkpointsTaken} checkpoints signed and ${figures.proofsServed} inclusion proofs served (one each a second); ` +
      `every event in a signed checkpoint ${figures.provableAfterS} s after the first was sent` +
      (figures.cpuSeconds
        ? `; CPU spent meanwhile: audit app ${figures.cpuSeconds.audit} s, FerretDB ${figures.cpuSeconds.store} s, so ${Math.round(figures.events / (figures.cpuSeconds.audit + figures.cpuSeconds.store))} entries per CPU second of the two (what other load on the shared cores does not change)`
        : ''),
  };
}

/** `node dist/bench/audit-ingest.js [--quick]`: row (l) alone, on its own Kafka, FerretDB and apps; writes bench/results/audit-ingest.{json,md}. */
async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const infra = require(join(ROOT, 'scripts/infra'));
  const dataDir = mkdtempSync(join(tmpdir(), 'pxxl-bench-ingest-'));
  await infra.provisionAll({ log: () => undefined });
  const stackInfra = await infra.startInfra({ dataDir, log: () => undefined });
  const env: Record<string, string> = {
    KAFKA_BROKERS: stackInfra.env.KAFKA_BROKERS,
    MONGODB_URI: `${stackInfra.env.MONGODB_URI.replace(/\/$/, '')}/pxxl_keys`,
    BCRYPT_COST: '10',
    LOG_LEVEL: 'warn',
    AUDIT_SIGNING_KEY_FILE: join(dataDir, 'audit-signing.key'),
  };
  writeFileSync(env.AUDIT_SIGNING_KEY_FILE, generateSignerKey('pxxl-keys.bench', randomBytes(32)) + '\n', { mode: 0o600 });
  const stack = new ProcessStack(env, mkdtempSync(join(tmpdir(), 'pxxl-bench-logs-')));
  try {
    const auditPort = freePortSync();
    for (const app of ['projector', 'audit', 'key-service'] as const) await stack.start(app, app, app === 'audit' ? { port: auditPort } : {});
    const auditUrl = `http://127.0.0.1:${auditPort}`;
    const token = await bootstrapAuditedWorkspace(env, auditUrl, 'bench-ingest');
    const pids = { audit: stack.pid('audit')!, store: storePid(stackInfra) };
    const figures = await benchAuditIngest({ brokers: env.KAFKA_BROKERS.split(','), mongoUri: env.MONGODB_URI, auditUrl, token, workspaceId: 'bench-ingest', events: quick ? 900 : 3000, pids });
    const row = auditIngestRow(figures);
    const report = { date: new Date().toISOString(), mode: quick ? 'quick' : 'full', node: process.version, figures, row };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/audit-ingest.json'), JSON.stringify(report, null, 2) + '\n');
    const md = [
      `# Audit ingest with the signed log on (${report.mode}), ${report.date}`,
      '',
      `Row (l) of \`npm run bench\`, run alone (\`node dist/bench/audit-ingest.js\` after \`npm run build\`); Node ${report.node}, the three apps, Kafka and FerretDB on this machine.`,
      '',
      '| # | scenario | figure | value | ceiling (same run) | ceiling | ratio | goal | met |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      `| ${row.id} | ${row.scenario} | ${row.figure} | ${row.value} | ${row.ceilingLabel} | ${row.ceiling} | ${Math.round((row.value / row.ceiling) * 100) / 100} | ${row.goal} | ${row.met ? 'met' : '**not met**'} |`,
      '',
      `- (l) ${row.note}`,
      '',
    ].join('\n');
    writeFileSync(join(ROOT, 'bench/results/audit-ingest.md'), md);
    console.log(md);
  } finally {
    await stack.stop();
    await stackInfra.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
