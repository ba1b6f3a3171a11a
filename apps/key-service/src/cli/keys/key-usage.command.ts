import { integer, isOn, operand, UsageError } from '../args';
import { json, table } from '../output/table';
import { remoteCommand } from '../remote/remote-command';

const COLUMNS = ['VALID', 'RATE_LIMITED', 'USAGE_EXHAUSTED', 'IP_NOT_ALLOWED', 'REVOKED', 'EXPIRED', 'INSUFFICIENT_SCOPE'] as const;

export const keyUsageCommand = remoteCommand({
  help: `Usage: pxxl-keys keys usage <id> [--days 30] [--json]

A key's verifications per UTC day by outcome (needs api_keys:read), oldest
first, with the totals: evidence of whether the key is still in use. Counts
are written rolled up, so the last few seconds may not show yet.
  --days   how many days back, today included (1 to 90, default 30)

Example:
  pxxl-keys keys usage k3PXrQ8yZt2mW9aB --days 7`,
  flags: ['days'],
  async run(client, args, io) {
    const id = operand(args, 2, 'key id');
    const days = integer(args, 'days');
    if (days !== undefined && (days < 1 || days > 90)) throw new UsageError('--days must be from 1 to 90');
    const report = await client.keys.usage(id, days);
    if (isOn(args, 'json')) {
      io.stdout.write(json(report));
      return 0;
    }
    const rows = [...report.days, { ...report.totals, day: 'total' }].map((day: Record<string, string | number>) => [String(day.day), ...COLUMNS.map((code) => String(day[code] ?? 0))]);
    io.stdout.write(table(['day', ...COLUMNS], rows));
    return 0;
  },
});
