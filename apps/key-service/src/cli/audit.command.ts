import { ChainVerifier, reconcileTrail, type ChainHeadRef, type ChainReport, type ReadableDb, type ReconcileReport } from '@pxxl/audit-trail';
import { loadConfig } from '@pxxl/config';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import mongoose from 'mongoose';
import { UsageError, type ParsedArgs } from './args';
import type { CliIo } from './cli-io';

/** Exit code when the trail is not intact (verify) or not complete (reconcile). */
export const EXIT_NOT_INTACT = 4;

const CONNECTION = `Export, verify and review talk to the audit app's reviewer API:
  PXXL_AUDIT_URL   the audit app (default http://127.0.0.1:3002)
  PXXL_KEY         a key of the workspace with the audit:read scope (or --key-file <path>)
Reconcile reads MongoDB directly: MONGODB_URI.`;

const FILTERS = `  --from <iso>, --to <iso>   entries that occurred in [from, to)
  --key-id <id>              one key's entries
  --type <types>             comma-separated: KeyCreated,KeyRotated,KeyRevoked,KeyUpdated
  --actor <actor>            "system" or "key:<keyId>"`;

const SUBCOMMANDS = {
  export: `Usage: pxxl-keys audit export [--format ndjson|csv] [filters] [--from-seq n] [--to-seq n] [--out <file>]

Streams the workspace's audit trail, oldest first, to --out (default: stdout).
NDJSON lines are the chain's records exactly as stored (keep this file: "audit
verify --file" re-checks it at any time); CSV opens in a spreadsheet.
${FILTERS}

Example:
  PXXL_KEY=pxxl_... pxxl-keys audit export --format csv --from 2026-01-01T00:00:00Z --to 2026-04-01T00:00:00Z --out q1.csv`,
  verify: `Usage: pxxl-keys audit verify [--expect-head <seq>:<hash>] [--from <iso>] [--to <iso>] [--from-seq n] [--to-seq n] [--json]
       pxxl-keys audit verify --file <export.ndjson> [--expect-head <seq>:<hash>] [--from-seq n]

Proves the trail intact, or names the first broken entry. Asks the audit app
for its own check, then downloads the chain and re-checks every hash and link
here, so the answer does not rest on the server's word. --expect-head is a
chain head published earlier (the audit app logs and publishes one every
hour; keep the one from your last review): the chain must still contain it.
With --file, checks an NDJSON export offline instead. Exit 0 intact, ${EXIT_NOT_INTACT} broken.

Example:
  PXXL_KEY=pxxl_... pxxl-keys audit verify --expect-head 1200:3f2a…e9`,
  review: `Usage: pxxl-keys audit review [--format json|csv] [--from <iso>] [--to <iso>]
       [--expiring-within-days n] [--unused-for-days n] [--not-rotated-for-days n] [--out <file>]

The periodic review report: keys with no expiry, expiring soon, unused, not
rotated, with broad scopes; revocations and leaks in the period; activity per
month. The period defaults to the 90 days before now; the day thresholds to
30, 90 and 90 (docs/audit.md).

Example:
  PXXL_KEY=pxxl_... pxxl-keys audit review --format csv --unused-for-days 60 --out review-q1.csv`,
  reconcile: `Usage: pxxl-keys audit reconcile [--workspace <id>] [--grace-seconds n] [--json]

Compares the key service's event store with the audit entries: every stored
event must have exactly one entry, and every entry an event. Events stored in
the last --grace-seconds (default 60) are on their way, not missing. Reads
MONGODB_URI directly. Exit 0 complete, ${EXIT_NOT_INTACT} gaps found (listed).

Example:
  MONGODB_URI=mongodb://127.0.0.1:27017/pxxl_keys pxxl-keys audit reconcile --workspace acme`,
} as const;

type Subcommand = keyof typeof SUBCOMMANDS;

export const AUDIT_HELP = `Usage: pxxl-keys audit <export|verify|review|reconcile> [options]

  export      stream the audit trail as NDJSON or CSV
  verify      prove the trail intact (hash chain), or name the first broken entry
  review      the periodic review report, as JSON or CSV
  reconcile   compare the event store with the audit trail and list any gap

${CONNECTION}
Run "pxxl-keys audit <subcommand> --help" for its options and an example.`;

function text(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  if (value === true) throw new UsageError(`--${name} needs a value`);
  return value;
}

function integer(args: ParsedArgs, name: string): number | undefined {
  const value = text(args, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number`);
  return Number(value);
}

function parseHead(value: string | undefined): ChainHeadRef | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value);
  if (!match) throw new UsageError('--expect-head must be <seq>:<hash>, as published (e.g. 1200:3f2a…, 64 hex digits)');
  return { seq: Number(match[1]), hash: match[2] };
}

/** The reviewer API, authenticated with the reviewer's key. */
class ReviewerApi {
  constructor(
    private readonly base: string,
    private readonly key: string,
  ) {}

  static from(args: ParsedArgs, io: CliIo): ReviewerApi {
    const keyFile = text(args, 'key-file');
    const key = (keyFile ? readFileSync(keyFile, 'utf8') : io.env.PXXL_KEY ?? '').trim();
    if (!key) throw new UsageError('give the reviewer key in PXXL_KEY (or --key-file <path>): a key with the audit:read scope');
    return new ReviewerApi((io.env.PXXL_AUDIT_URL ?? 'http://127.0.0.1:3002').replace(/\/$/, ''), key);
  }

  async get(path: string, query: Record<string, string | number | undefined>): Promise<Response> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
    const response = await fetch(`${this.base}${path}?${params}`, { headers: { authorization: `Bearer ${this.key}` } });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
      throw new Error(`${path} answered ${response.status} ${body.code ?? ''}: ${body.message ?? response.statusText}`);
    }
    return response;
  }
}

function filters(args: ParsedArgs) {
  return { from: text(args, 'from'), to: text(args, 'to'), keyId: text(args, 'key-id'), type: text(args, 'type'), actor: text(args, 'actor') };
}

async function writeBody(response: Response, args: ParsedArgs, io: CliIo): Promise<void> {
  const body = Readable.fromWeb(response.body as unknown as WebReadableStream);
  const out = text(args, 'out');
  if (out) {
    const file = createWriteStream(out);
    body.pipe(file);
    await finished(file);
    return;
  }
  for await (const chunk of body) io.stdout.write(chunk as Uint8Array);
}

async function exportTrail(args: ParsedArgs, io: CliIo): Promise<number> {
  const format = text(args, 'format') ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv') throw new UsageError('--format must be ndjson or csv');
  const response = await ReviewerApi.from(args, io).get('/v1/audit/export', {
    format,
    ...filters(args),
    fromSeq: integer(args, 'from-seq'),
    toSeq: integer(args, 'to-seq'),
  });
  await writeBody(response, args, io);
  io.stderr.write(`exported the audit trail (${response.headers.get('pxxl-audit-export')}); chain head ${response.headers.get('pxxl-audit-chain-head')}\n`);
  return 0;
}

/** Feeds NDJSON lines to a verifier, one at a time. */
async function verifyLines(input: NodeJS.ReadableStream, verifier: (workspaceId: string) => ChainVerifier): Promise<ChainVerifier | null> {
  let chain: ChainVerifier | null = null;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    if (!chain) {
      let workspaceId = '';
      try {
        workspaceId = String((JSON.parse(line) as { workspaceId?: unknown }).workspaceId);
      } catch {
        /* the verifier reports it */
      }
      chain = verifier(workspaceId);
    }
    chain.push(line);
  }
  return chain;
}

function describe(report: ChainReport): string {
  if (report.ok) return `intact: ${report.checked} entries checked${report.last ? `, up to seq ${report.last.seq} (${report.last.hash})` : ''}`;
  const broken = report.firstBrokenEntry!;
  return `BROKEN at seq ${broken.seq}${broken.eventId ? ` (entry ${broken.eventId})` : ''}: ${broken.reason}: ${broken.message}`;
}

async function verifyTrail(args: ParsedArgs, io: CliIo): Promise<number> {
  const anchor = parseHead(text(args, 'expect-head'));
  const file = text(args, 'file');
  const json = args.flags.json === true;
  if (file) {
    // An export taken with --from-seq starts mid-chain: its first link is taken on trust.
    const trustFirstLink = integer(args, 'from-seq') !== undefined;
    const chain = await verifyLines(createReadStream(file), (workspaceId) => new ChainVerifier({ workspaceId, anchor, trustFirstLink }));
    const local = (chain ?? new ChainVerifier({ workspaceId: '', anchor })).finish({ reachedEnd: true });
    io.stdout.write(json ? JSON.stringify({ ok: local.ok, local }) + '\n' : `${file}: ${describe(local)}\n`);
    return local.ok ? 0 : EXIT_NOT_INTACT;
  }

  const api = ReviewerApi.from(args, io);
  const range = { from: text(args, 'from'), to: text(args, 'to'), fromSeq: integer(args, 'from-seq'), toSeq: integer(args, 'to-seq') };
  const server = (await (await api.get('/v1/audit/integrity', { ...range, expectSeq: anchor?.seq, expectHash: anchor?.hash })).json()) as {
    ok: boolean;
    workspaceId: string;
    range: { fromSeq: number; toSeq: number } | null;
    head: ChainHeadRef | null;
  };
  // Re-check the same range here, from the records themselves.
  const reachesEnd = range.to === undefined && range.toSeq === undefined;
  const fromSeq = server.range?.fromSeq ?? 1;
  const startSeq = Math.max(1, fromSeq - 1);
  const exported = await api.get('/v1/audit/export', { format: 'ndjson', fromSeq: startSeq, toSeq: reachesEnd ? undefined : server.range?.toSeq });
  const headerHead = /^(\d+):([0-9a-f]{64})$/.exec(exported.headers.get('pxxl-audit-chain-head') ?? '');
  const head = headerHead ? { seq: Number(headerHead[1]), hash: headerHead[2] } : null;
  const chain = new ChainVerifier({ workspaceId: server.workspaceId, trustFirstLink: startSeq > 1, head: reachesEnd ? head : null, anchor });
  const nothingInWindow = server.range === null && (range.from !== undefined || range.to !== undefined);
  if (nothingInWindow) await exported.body?.cancel();
  else await verifyLines(Readable.fromWeb(exported.body as unknown as WebReadableStream), () => chain);
  const local = chain.finish({ reachedEnd: reachesEnd && !nothingInWindow });
  const ok = server.ok && local.ok;
  if (json) {
    io.stdout.write(JSON.stringify({ ok, server, local }) + '\n');
  } else {
    io.stdout.write(
      [
        `workspace ${server.workspaceId}: ${ok ? 'INTACT' : 'NOT INTACT'}`,
        `  audit app:       ${server.ok ? 'intact' : `BROKEN: ${JSON.stringify(server)}`}`,
        `  checked here:    ${describe(local)}`,
        anchor ? `  published head:  seq ${anchor.seq} ${local.anchor === 'matched' ? 'found in the chain' : local.anchor === 'broken' ? 'NOT in the chain' : 'outside the checked range'}` : '',
        head ? `  chain head now:  ${head.seq}:${head.hash}  (keep it for your next review)` : '',
      ]
        .filter(Boolean)
        .join('\n') + '\n',
    );
  }
  return ok ? 0 : EXIT_NOT_INTACT;
}

async function reviewReport(args: ParsedArgs, io: CliIo): Promise<number> {
  const format = text(args, 'format') ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new UsageError('--format must be json or csv');
  const response = await ReviewerApi.from(args, io).get('/v1/audit/review', {
    format,
    from: text(args, 'from'),
    to: text(args, 'to'),
    expiringWithinDays: integer(args, 'expiring-within-days'),
    unusedForDays: integer(args, 'unused-for-days'),
    notRotatedForDays: integer(args, 'not-rotated-for-days'),
  });
  await writeBody(response, args, io);
  return 0;
}

async function reconcile(args: ParsedArgs, io: CliIo): Promise<number> {
  const uri = loadConfig((env) => env.string('MONGODB_URI', { pattern: /^mongodb(\+srv)?:\/\//, hint: 'e.g. mongodb://127.0.0.1:27017/pxxl_keys' }), io.env);
  const graceSeconds = integer(args, 'grace-seconds') ?? 60;
  const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 }).asPromise();
  let report: ReconcileReport;
  try {
    report = await reconcileTrail(connection.db as unknown as ReadableDb, { now: new Date(), graceMs: graceSeconds * 1000, workspaceId: text(args, 'workspace') });
  } finally {
    await connection.close();
  }
  if (args.flags.json === true) {
    io.stdout.write(JSON.stringify(report) + '\n');
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
  return report.ok ? 0 : EXIT_NOT_INTACT;
}

const RUN: Record<Subcommand, (args: ParsedArgs, io: CliIo) => Promise<number>> = {
  export: exportTrail,
  verify: verifyTrail,
  review: reviewReport,
  reconcile,
};

export async function auditCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const sub = args.positional[1];
  if (!sub || !(sub in SUBCOMMANDS)) {
    if (sub) throw new UsageError(`unknown audit subcommand "${sub}": use export, verify, review or reconcile`);
    io.stdout.write(AUDIT_HELP + '\n');
    return args.flags.help ? 0 : 2;
  }
  if (args.flags.help) {
    io.stdout.write(SUBCOMMANDS[sub as Subcommand] + '\n' + '\n' + CONNECTION + '\n');
    return 0;
  }
  return RUN[sub as Subcommand](args, io);
}
