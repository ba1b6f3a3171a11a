import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, withLocalStack } from '@pxxl/config';
import { KEY_VIEWS_COLLECTION } from '@pxxl/key-read-model';
import { JsonLogger } from '@pxxl/observability';
import { DEFAULT_IN_MEMORY_MAX_EVENTS, KeyViewRebuilder, type RebuildProgress } from '../key-read-model/infrastructure/key-view-rebuilder';
import { loadProjectorConfig } from '../projector.config';
import { ProjectorCliModule } from './projector-cli.module';

export const REBUILD_HELP = `Usage: pxxl-keys projections rebuild [--json]

Rebuilds the verification read model from the event log into a fresh
collection (key_views_rebuild), compares a digest of it with the live model,
and, if they differ, repairs the live model document by document (guarded by
version, so verification never fails meanwhile and newer live updates win).
Shows a progress bar with rate and ETA on a terminal, plain progress lines
otherwise. Talks to MongoDB directly (MONGODB_URI; KAFKA_BROKERS is required
by the shared configuration). Exit 0 when the models were identical or were
repaired.

Example:
  pxxl-keys projections rebuild
  rebuilt 104213 events into 10000 views in 6.2 s (16808 events/s)
  digest live    3f1a…  rebuilt 3f1a…  identical: nothing to switch`;

function progressPrinter(): (p: RebuildProgress) => void {
  const started = Date.now();
  let lastLine = 0;
  return (p) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = p.events / Math.max(seconds, 0.001);
    const eta = rate > 0 ? Math.max(0, (p.totalEvents - p.events) / rate) : 0;
    const line = `${p.events}/${p.totalEvents} events, ${p.views} views, ${Math.round(rate)} events/s, ETA ${eta.toFixed(0)} s`;
    if (process.stderr.isTTY) {
      const width = 30;
      const filled = Math.round((width * p.events) / Math.max(p.totalEvents, 1));
      process.stderr.write(`\r[${'#'.repeat(Math.min(width, filled)).padEnd(width, '.')}] ${line}   `);
    } else if (Date.now() - lastLine > 1000) {
      lastLine = Date.now();
      process.stderr.write(`${line}\n`);
    }
  };
}

async function rebuild(json: boolean): Promise<number> {
  const env = withLocalStack(process.env, ['KAFKA_BROKERS', 'MONGODB_URI'], (line) => process.stderr.write(line));
  const app = await NestFactory.createApplicationContext(ProjectorCliModule.forRoot(loadProjectorConfig(env)), {
    logger: new JsonLogger('pxxl-keys', 'warn', (line) => process.stderr.write(line + '\n')),
  });
  try {
    const rebuilder = app.get(KeyViewRebuilder);
    const target = `${KEY_VIEWS_COLLECTION}_rebuild`;
    const inMemoryMaxEvents = Number(process.env.REBUILD_IN_MEMORY_MAX_EVENTS ?? DEFAULT_IN_MEMORY_MAX_EVENTS);
    if (!Number.isSafeInteger(inMemoryMaxEvents) || inMemoryMaxEvents < 0) {
      process.stderr.write('REBUILD_IN_MEMORY_MAX_EVENTS must be a whole number of events (0: always read in _id order)\n');
      return 78;
    }
    const result = await rebuilder.rebuild(target, json ? undefined : progressPrinter(), { inMemoryMaxEvents });
    if (!json && process.stderr.isTTY) process.stderr.write('\n');
    const [live, rebuilt] = await Promise.all([rebuilder.digest(KEY_VIEWS_COLLECTION), rebuilder.digest(target)]);
    const identical = live.digest === rebuilt.digest;
    const repaired = identical ? { replaced: 0, inserted: 0, removed: 0 } : await rebuilder.repairLive(target);
    const after = identical ? live : await rebuilder.digest(KEY_VIEWS_COLLECTION);
    const report = { ...result, live, rebuilt, identical, repaired, liveAfter: after, inStep: after.digest === rebuilt.digest };
    if (json) process.stdout.write(JSON.stringify(report) + '\n');
    else {
      process.stdout.write(`rebuilt ${result.events} events into ${result.views} views in ${result.seconds.toFixed(1)} s (${result.eventsPerSecond} events/s, read in ${result.order})\n`);
      process.stdout.write(`digest live ${live.digest.slice(0, 12)}…  rebuilt ${rebuilt.digest.slice(0, 12)}…  `);
      process.stdout.write(identical ? 'identical: nothing to switch\n' : `differed: repaired the live model (${repaired.replaced} replaced, ${repaired.inserted} inserted, ${repaired.removed} removed); now ${report.inStep ? 'identical' : 'still different (live updates landed meanwhile; run again)'}\n`);
    }
    return report.inStep || identical ? 0 : 4;
  } finally {
    await app.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv.filter((a) => !a.startsWith('--'));
  if (command !== 'projections' || sub !== 'rebuild' || argv.includes('--help')) {
    process.stdout.write(REBUILD_HELP + '\n');
    return argv.includes('--help') ? 0 : 2;
  }
  return rebuild(argv.includes('--json'));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`pxxl-keys: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof ConfigError ? 78 : 1);
  },
);
