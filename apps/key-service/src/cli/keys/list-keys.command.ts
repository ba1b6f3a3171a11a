import type { ApiKey, KeyStatus } from '@pxxl/client';
import { integer, isOn, text, UsageError } from '../args';
import { json, table, when } from '../output/table';
import { remoteCommand } from '../remote/remote-command';
import { expiry, scopeSummary } from './key-output';

const STATUSES: readonly KeyStatus[] = ['active', 'expired', 'revoked', 'deleted'];

export const listKeysCommand = remoteCommand({
  help: `Usage: pxxl-keys keys list [--status <statuses>] [--owner <kind:name>] [--limit n] [--cursor <c> | --all] [--json]

Lists your workspace's keys, newest first (needs api_keys:read): id, name,
status, scopes, expiry and last use ("never" for a key never used: a
candidate for revocation).
  --status   comma-separated: active, expired, revoked, deleted
             (default: all but deleted)
  --owner    only this owner's keys, e.g. team:payments
  --limit    keys per page, 1-100 (default 20)
  --cursor   the page after the one that printed it; --all: every page
With --json: {"items": [...], "nextCursor": ...} as the API answers it.

Example:
  pxxl-keys keys list --status active,expired --all`,
  flags: ['status', 'owner', 'limit', 'cursor', 'all'],
  async run(client, args, io) {
    const status = text(args, 'status')?.split(',').map((s) => s.trim());
    const bad = status?.filter((s) => !STATUSES.includes(s as KeyStatus)) ?? [];
    if (bad.length > 0) throw new UsageError(`--status takes ${STATUSES.join(', ')} (not ${bad.join(', ')})`);
    if (isOn(args, 'all') && args.flags.cursor !== undefined) throw new UsageError('give --all or --cursor, not both');
    const query = { status: status as KeyStatus[] | undefined, owner: text(args, 'owner'), limit: integer(args, 'limit') };
    let items: ApiKey[] = [];
    let nextCursor: string | null = null;
    if (isOn(args, 'all')) {
      for await (const key of client.keys.listAll(query)) items.push(key);
    } else {
      ({ items, nextCursor } = await client.keys.list({ ...query, cursor: text(args, 'cursor') }));
    }
    if (isOn(args, 'json')) {
      io.stdout.write(json({ items, nextCursor }));
      return 0;
    }
    const rows = items.map((k) => [k.id, k.name, k.rotationDue ? `${k.status} (rotation due)` : k.status, k.owner ?? '-', scopeSummary(k.scopes), expiry(k.expiresAt), when(k.lastUsedAt, 'never')]);
    io.stdout.write(table(['ID', 'NAME', 'STATUS', 'OWNER', 'SCOPES', 'EXPIRES', 'LAST USED'], rows));
    if (nextCursor) io.stderr.write(`more keys: --cursor ${nextCursor} (or --all)\n`);
    return 0;
  },
});
