import { reconcileTrail, type ReadableDb, type ReconcileReport } from '@pxxl/audit-trail';
import { loadConfig, withLocalStack } from '@pxxl/config';
import mongoose from 'mongoose';
import { acceptOnly, integer, isOn, text } from '../args';
import type { CliCommand } from '../cli-command';
import { EXIT } from '../exit-codes';
import { json } from '../output/table';

export const reconcileAuditCommand: CliCommand = {
  help: `Usage: pxxl-keys audit reconcile [--workspace <id>] [--grace-seconds n] [--json]

An admin command: compares the key service's event store with the audit
entries: every stored event must have exactly one entry, and every entry an
event. Events stored in the last --grace-seconds (default 60) are on their
way, not missing. Reads MongoDB directly (MONGODB_URI; unset, that of the
\`npm start\` running here). Exit 0 complete,
${EXIT.CHECK_FAILED} gaps found (listed).

Example:
  MONGODB_URI=mongodb://127.0.0.1:27017/pxxl_keys pxxl-keys audit reconcile --workspace acme`,
  async run(args, io) {
    acceptOnly(args, ['workspace', 'grace-seconds']);
    const source = withLocalStack(io.env, ['MONGODB_URI'], (line) => io.stderr.write(line));
    const uri = loadConfig((env) => env.string('MONGODB_URI', { pattern: /^mongodb(\+srv)?:\/\//, hint: 'e.g. mongodb://127.0.0.1:27017/pxxl_keys' }), source);
    const graceSeconds = integer(args, 'grace-seconds') ?? 60;
    const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
    let report: ReconcileReport;
    try {
      report = await reconcileTrail(connection.db as unknown as ReadableDb, { now: new Date(), graceMs: graceSeconds * 1000, workspaceId: text(args, 'workspace') });
    } finally {
      await connection.close();
    }
    if (isOn(args, 'json')) {
      io.stdout.write(json(report));
    } else {
      const lines = [
        `${report.ok ? 'COMPLETE' : 'GAPS FOUND'}: ${report.events} stored events, ${report.entries} audit entries${report.inFlight ? `, ${report.inFlight} on their way` : ''}`,
        ...report.missing.items.map((e) => `  missing entry: event ${e.eventId} (${e.type} of key ${e.keyId} v${e.version}, workspace ${e.workspaceId})`),
        ...(report.missing.count > report.missing.items.length ? [`  … and ${report.missing.count - report.missing.items.length} more events without an entry`] : []),
        ...report.unexpected.items.map((e) => `  entry without an event: ${e.eventId} (key ${e.keyId}, workspace ${e.workspaceId})`),
        ...(report.unexpected.count > report.unexpected.items.length ? [`  … and ${report.unexpected.count - report.unexpected.items.length} more entries without an event`] : []),
      ];
      io.stdout.write(lines.join('\n') + '\n');
    }
    return report.ok ? EXIT.OK : EXIT.CHECK_FAILED;
  },
};
