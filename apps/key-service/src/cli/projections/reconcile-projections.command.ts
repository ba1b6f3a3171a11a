import { QueryBus } from '@nestjs/cqrs';
import { KEY_EVENTS_COLLECTION } from '@pxxl/event-store';
import { ReconcileReadModelQuery } from '../../keys';
import { withKeyService } from '../app-context';
import { acceptOnly, isOn } from '../args';
import type { CliCommand } from '../cli-command';
import { EXIT } from '../exit-codes';
import { json } from '../output/table';

export const reconcileProjectionsCommand: CliCommand = {
  help: `Usage: pxxl-keys projections reconcile [--json]

An admin command: compares the verification read model (key_views) with the
event store (${KEY_EVENTS_COLLECTION}), key by key, and reports keys whose projection is
behind, keys that should not be there, and events not yet published to Kafka.
Talks to MongoDB and Kafka directly (MONGODB_URI, KAFKA_BROKERS). Exit code 0
when there is no difference, ${EXIT.CHECK_FAILED} when there is.

Example:
  pxxl-keys projections reconcile
  checked 1204 events of 311 keys: read model in step with the event store`,
  async run(args, io) {
    acceptOnly(args, []);
    const result = await withKeyService((app) => app.get(QueryBus).execute(new ReconcileReadModelQuery()));
    const clean = result.behind.length === 0 && result.unexpected.length === 0 && result.unpublished === 0;
    if (isOn(args, 'json')) {
      io.stdout.write(json(result));
    } else {
      const lines = [`checked ${result.checkedEvents} events of ${result.checkedKeys} keys: ${clean ? 'read model in step with the event store' : 'differences found'}`];
      for (const d of result.behind) lines.push(`  behind     ${d.keyId}: event store v${d.eventStore}, read model v${d.readModel}`);
      for (const d of result.unexpected) lines.push(`  unexpected ${d.keyId}: event store v${d.eventStore}, read model v${d.readModel}`);
      if (result.unpublished > 0) lines.push(`  ${result.unpublished} stored events not yet published (the relay retries; check Kafka)`);
      io.stdout.write(lines.join('\n') + '\n');
    }
    return clean ? EXIT.OK : EXIT.CHECK_FAILED;
  },
};
