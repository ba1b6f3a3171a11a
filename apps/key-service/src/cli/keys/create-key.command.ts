import type { CreateKeyRequest } from '@pxxl/client';
import { duration, isOn, list, text, UsageError, type ParsedArgs } from '../args';
import { remoteCommand } from '../remote/remote-command';
import { expiry, showNewKey } from './key-output';
import { LIMIT_FLAGS, LIMIT_HELP, limitsFrom } from './limit-flags';

const DEFAULT_EXPIRY = '90d';
const DEFAULT_EXPIRY_SECONDS = 90 * 86400;

/** When the key expires: --expires-in, --expires-at, --no-expiry, or the default 90 days. */
function expiresAt(args: ParsedArgs, now: Date): string | null {
  const given = ['expires-in', 'expires-at', 'no-expiry'].filter((name) => args.flags[name] !== undefined);
  if (given.length > 1) throw new UsageError(`give one of --expires-in, --expires-at and --no-expiry (got ${given.map((n) => `--${n}`).join(' and ')})`);
  if (isOn(args, 'no-expiry')) return null;
  const at = text(args, 'expires-at');
  if (at !== undefined) {
    if (Number.isNaN(Date.parse(at))) throw new UsageError('--expires-at must be an ISO-8601 date-time, e.g. 2027-01-31T00:00:00Z');
    return at;
  }
  const seconds = duration(args, 'expires-in') ?? DEFAULT_EXPIRY_SECONDS;
  if (seconds === 0) throw new UsageError('--expires-in must be more than 0');
  return new Date(now.getTime() + seconds * 1000).toISOString();
}

export const createKeyCommand = remoteCommand({
  help: `Usage: pxxl-keys keys create --name <name> [--description <text>]
       [--scope <scope>]... [--preset <preset> [--preset-resource <resource>]]
       [--expires-in <90d> | --expires-at <iso> | --no-expiry]
       [--rate-limit <n/60s>] [--usage-limit <n> [--usage-refill <n/day>]] [--allowed-ip <cidr>]...
       [--owner <kind:name>] [--json]

Creates a key in your workspace (needs api_keys:write, and every scope you
grant: no key grants more than it holds). The new key is printed once, alone
on stdout, so KEY=$(pxxl-keys keys create ...) captures it; what it is goes to
stderr. With --json, the API's whole answer (key included) goes to stdout.
  --scope        a scope from "pxxl-keys scopes" (repeat it, or comma-separate),
                 narrowed to a resource with area:action:<resource>
  --preset       one of the catalog's presets; --preset-resource narrows it
  --expires-in   from now: 90d, 12h, 2w... (default ${DEFAULT_EXPIRY})
  --expires-at   an ISO-8601 date-time
  --no-expiry    never expires (only if your workspace policy allows it)
  --owner        who answers for the key: team:<name>, user:<name> or service:<name>
                 (required when your workspace policy says requireOwner)
${LIMIT_HELP}

Example:
  KEY=$(pxxl-keys keys create --name "CDN uploader" --preset cdn-uploader --preset-resource web --expires-in 30d)`,
  flags: ['name', 'description', 'scope', 'preset', 'preset-resource', 'expires-in', 'expires-at', 'no-expiry', 'owner', ...LIMIT_FLAGS.filter((flag) => !flag.startsWith('no-'))],
  async run(client, args, io) {
    if (args.positional.length > 2) throw new UsageError(`keys create takes no arguments, only options (got "${args.positional[2]}"): --name <name>`);
    const name = text(args, 'name');
    if (name === undefined) throw new UsageError('give the key a --name (what uses it, e.g. --name "CDN uploader")');
    const scopes = list(args, 'scope');
    const preset = text(args, 'preset');
    const presetResource = text(args, 'preset-resource');
    if (scopes.length === 0 && !preset) throw new UsageError('give at least one --scope or a --preset ("pxxl-keys scopes" lists both)');
    if (presetResource !== undefined && !preset) throw new UsageError('--preset-resource narrows a --preset: give the preset too');
    const request: CreateKeyRequest = {
      name,
      description: text(args, 'description'),
      scopes: scopes.length > 0 ? scopes : undefined,
      preset,
      presetResource,
      expiresAt: expiresAt(args, new Date()),
      ...limitsFrom(args),
      owner: text(args, 'owner'),
    };
    const created = await client.keys.create(request);
    showNewKey(io, isOn(args, 'json'), created, [
      `Created key ${created.id} "${created.name}": scopes ${created.scopes.join(' ')}; expires ${expiry(created.expiresAt)}${created.owner ? `; owner ${created.owner}` : ''}.`,
    ]);
    return 0;
  },
});
