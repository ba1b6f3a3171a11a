import { Readable } from 'node:stream';
import { integer, text, UsageError } from '../args';
import { json } from '../output/table';
import { remoteCommand } from '../remote/remote-command';
import { writeBody } from './audit-options';

export const reviewAuditCommand = remoteCommand({
  help: `Usage: pxxl-keys audit review [--format json|csv] [--from <iso>] [--to <iso>]
       [--expiring-within-days n] [--unused-for-days n] [--not-rotated-for-days n] [--out <file>]

The periodic review report (needs audit:read): keys with no expiry, expiring
soon, unused, not rotated, with broad scopes; revocations and leaks in the
period; activity per month. The period defaults to the 90 days before now;
the day thresholds to 30, 90 and 90 (docs/audit.md). JSON by default (--json
is the same), CSV with --format csv.

Example:
  pxxl-keys audit review --format csv --unused-for-days 60 --out review-q1.csv`,
  flags: ['format', 'from', 'to', 'expiring-within-days', 'unused-for-days', 'not-rotated-for-days', 'out'],
  audit: true,
  async run(client, args, io) {
    const format = text(args, 'format') ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new UsageError('--format must be json or csv');
    const query = {
      from: text(args, 'from'),
      to: text(args, 'to'),
      expiringWithinDays: integer(args, 'expiring-within-days'),
      unusedForDays: integer(args, 'unused-for-days'),
      notRotatedForDays: integer(args, 'not-rotated-for-days'),
    };
    if (format === 'csv') await writeBody(await client.audit.reviewCsv(query), args, io);
    else await writeBody(Readable.from([json(await client.audit.review(query))]), args, io);
    return 0;
  },
});
