import { integer, text, UsageError } from '../args';
import { remoteCommand } from '../remote/remote-command';
import { FILTER_FLAGS, FILTERS_HELP, filters, writeBody } from './audit-options';

export const exportAuditCommand = remoteCommand({
  help: `Usage: pxxl-keys audit export [--format ndjson|csv|bundle] [filters] [--from-seq n] [--to-seq n] [--out <file>]

Streams the workspace's audit trail, oldest first, to --out (default: stdout)
(needs audit:read). NDJSON lines are the chain's records exactly as stored
(keep this file: "audit verify --file" re-checks it at any time); CSV opens in
a spreadsheet; a bundle is the whole trail up to a checkpoint signed now, with
that checkpoint (verify it offline: "audit verify --bundle"; no filters). The
chain head it was taken at is printed on stderr.
${FILTERS_HELP}

Example:
  pxxl-keys audit export --format csv --from 2026-01-01T00:00:00Z --to 2026-04-01T00:00:00Z --out q1.csv`,
  flags: ['format', 'from-seq', 'to-seq', 'out', ...FILTER_FLAGS],
  audit: true,
  async run(client, args, io) {
    const format = text(args, 'format') ?? 'ndjson';
    if (format !== 'ndjson' && format !== 'csv' && format !== 'bundle') throw new UsageError('--format must be ndjson, csv or bundle');
    const exported = await client.audit.export({ format, ...filters(args), fromSeq: integer(args, 'from-seq'), toSeq: integer(args, 'to-seq') });
    await writeBody(exported.body, args, io);
    const head = exported.head ? `${exported.head.seq}:${exported.head.hash}` : 'none (empty trail)';
    io.stderr.write(`exported the audit trail (${exported.completeness}); chain head ${head}\n`);
    return 0;
  },
});
