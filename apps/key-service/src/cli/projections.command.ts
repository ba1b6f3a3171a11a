import { QueryBus } from '@nestjs/cqrs';
import { ReconcileReadModelQuery } from '../keys/queries/reconcile-read-model/reconcile-read-model.query';
import { UsageError, type ParsedArgs } from './args';
import { withKeyService } from './app-context';

export const PROJECTIONS_HELP = `Usage: pxxl-keys projections reconcile [--json]

Compares the verification read model (key_views) with the event store
(key_events), key by key, and reports keys whose projection is behind, keys
that should not be there, and events not yet published to Kafka. Talks to
MongoDB and Kafka directly (MONGODB_URI, KAFKA_BROKERS). Exit code 0 when
there is no difference, 4 when there is.

Example:
  pxxl-keys projections reconcile
  checked 1204 events of 311 keys: read model in step with the event store`;

export const EXIT_DIFFERENCES = 4;

export async function projectionsCommand(args: ParsedArgs): Promise<number> {
  const [, sub] = args.positional;
  if (sub !== 'reconcile') throw new UsageError(`unknown projections command "${sub ?? ''}" (try: projections reconcile)`);
  const result = await withKeyService((app) => app.get(QueryBus).execute(new ReconcileReadModelQuery()));
  const clean = result.behind.length === 0 && result.unexpected.length === 0 && result.unpublished === 0;
  if (args.flags.json === true) {
    process.stdout.write(JSON.stringify(result) + '\n');
  } else {
    process.stdout.write(`checked ${result.checkedEvents} events of ${result.checkedKeys} keys: `);
    if (clean) process.stdout.write('read model in step with the event store\n');
    else {
      process.stdout.write('differences found\n');
      for (const d of result.behind) process.stdout.write(`  behind     ${d.keyId}: event store v${d.eventStore}, read model v${d.readModel}\n`);
      for (const d of result.unexpected) process.stdout.write(`  unexpected ${d.keyId}: event store v${d.eventStore}, read model v${d.readModel}\n`);
      if (result.unpublished > 0) process.stdout.write(`  ${result.unpublished} stored events not yet published (the relay retries; check Kafka)\n`);
    }
  }
  return clean ? 0 : EXIT_DIFFERENCES;
}
