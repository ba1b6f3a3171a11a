import { ChainVerifier, type ChainReport } from '@pxxl/audit-trail';
import type { ChainHead, PxxlClient } from '@pxxl/client';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { acceptOnly, integer, isOn, list, text, UsageError, type ParsedArgs } from '../args';
import type { CliCommand } from '../cli-command';
import type { CliIo } from '../cli-io';
import { EXIT } from '../exit-codes';
import { json } from '../output/table';
import { remoteCommand } from '../remote/remote-command';
import { parseHead } from './audit-options';
import { checkInclusionBundle, type InclusionBundle } from './prove-audit.command';
import { checkAgainstKept, describeCheck, readKeptCheckpoint, readVerifierKey, readWitnessKeys, type CheckpointCheck, type CheckpointSource } from './checkpoint-check';

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

/** An archived NDJSON export, checked here: no service, no key. */
async function verifyFile(file: string, args: ParsedArgs, io: CliIo): Promise<number> {
  acceptOnly(args, ['file', 'expect-head', 'from-seq']);
  const anchor = parseHead(text(args, 'expect-head'));
  // An export taken with --from-seq starts mid-chain: its first link is taken on trust.
  const trustFirstLink = integer(args, 'from-seq') !== undefined;
  const chain = await verifyLines(createReadStream(file), (workspaceId) => new ChainVerifier({ workspaceId, anchor, trustFirstLink }));
  const local = (chain ?? new ChainVerifier({ workspaceId: '', anchor })).finish({ reachedEnd: true });
  io.stdout.write(isOn(args, 'json') ? json({ ok: local.ok, local }) : `${file}: ${describe(local)}\n`);
  return local.ok ? EXIT.OK : EXIT.CHECK_FAILED;
}

/** The audit app's own check, then the same range downloaded and re-checked here. */
async function verifyRemote(client: PxxlClient, args: ParsedArgs, io: CliIo): Promise<number> {
  const anchor = parseHead(text(args, 'expect-head'));
  const range = { from: text(args, 'from'), to: text(args, 'to'), fromSeq: integer(args, 'from-seq'), toSeq: integer(args, 'to-seq') };
  const server = await client.audit.integrity({ ...range, expect: anchor });
  const reachesEnd = range.to === undefined && range.toSeq === undefined;
  const startSeq = Math.max(1, (server.range?.fromSeq ?? 1) - 1);
  const exported = await client.audit.export({ format: 'ndjson', fromSeq: startSeq, toSeq: reachesEnd ? undefined : server.range?.toSeq });
  const head: ChainHead | null = exported.head;
  const chain = new ChainVerifier({ workspaceId: server.workspaceId, trustFirstLink: startSeq > 1, head: reachesEnd ? head : null, anchor });
  const nothingInWindow = server.range === null && (range.from !== undefined || range.to !== undefined);
  if (nothingInWindow) exported.body.destroy();
  else await verifyLines(exported.body, () => chain);
  const local = chain.finish({ reachedEnd: reachesEnd && !nothingInWindow });
  const ok = server.ok && local.ok;
  if (isOn(args, 'json')) {
    io.stdout.write(json({ ok, server, local }));
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
  return ok ? EXIT.OK : EXIT.CHECK_FAILED;
}

function printCheck(result: CheckpointCheck, args: ParsedArgs, io: CliIo): number {
  io.stdout.write(isOn(args, 'json') ? json(result) : describeCheck(result));
  return result.ok ? EXIT.OK : EXIT.CHECK_FAILED;
}

/** The live log: its current checkpoint, a consistency proof from the kept one, and its entries up to the checkpoint. */
async function verifyCheckpointRemote(client: PxxlClient, args: ParsedArgs, io: CliIo): Promise<number> {
  const verifier = readVerifierKey(text(args, 'verifier-key'));
  const keptFile = text(args, 'checkpoint');
  const source: CheckpointSource = {
    checkpoint: () => client.audit.checkpoint(),
    entries: async (size) => (size === 0 ? (async function* () {})() : (await client.audit.export({ format: 'ndjson', toSeq: size })).body),
    consistencyProof: async (from, to) => (from === to ? [] : (await client.audit.consistencyProof(from, to)).proof.map((h) => Buffer.from(h, 'base64'))),
  };
  const witnesses = readWitnessKeys(list(args, 'witness-key'));
  return printCheck(await checkAgainstKept(keptFile ? readKeptCheckpoint(keptFile) : null, verifier, source, witnesses), args, io);
}

/** An export bundle (GET /v1/audit/export?format=bundle), offline: its first line holds the checkpoint, the rest are the entries. */
async function verifyBundle(file: string, args: ParsedArgs, io: CliIo): Promise<number> {
  acceptOnly(args, ['bundle', 'checkpoint', 'verifier-key', 'witness-key']);
  const verifier = readVerifierKey(text(args, 'verifier-key'));
  const witnesses = readWitnessKeys(list(args, 'witness-key'));
  const keptFile = text(args, 'checkpoint');
  const kept = keptFile ? readKeptCheckpoint(keptFile) : null;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  let header: { bundle?: unknown; checkpoint?: unknown } = {};
  try {
    header = first.done ? {} : JSON.parse(first.value);
  } catch {
    /* refused below */
  }
  if (header.bundle !== 'pxxl-audit-bundle/1' || typeof header.checkpoint !== 'string') throw new UsageError(`${file} is not an audit bundle (GET /v1/audit/export?format=bundle)`);
  const note = header.checkpoint;
  const source: CheckpointSource = {
    checkpoint: async () => note,
    entries: async () => ({ [Symbol.asyncIterator]: () => lines }),
    consistencyProof: async () => null,
  };
  return printCheck(await checkAgainstKept(kept, verifier, source, witnesses), args, io);
}

/** An inclusion-proof bundle (`audit prove`), offline: the checkpoint's signature and the entry's path to its root. */
function verifyProof(file: string, args: ParsedArgs, io: CliIo): number {
  acceptOnly(args, ['proof', 'verifier-key']);
  const verifierKey = readFileSync(readVerifierKeyPath(args), 'utf8');
  readVerifierKey(readVerifierKeyPath(args));
  let bundle: InclusionBundle;
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8')) as InclusionBundle;
  } catch {
    throw new UsageError(`${file} is not an inclusion-proof bundle (pxxl-keys audit prove)`);
  }
  if (bundle.bundle !== 'pxxl-audit-inclusion/1' || typeof bundle.entry !== 'string' || !Array.isArray(bundle.proof)) throw new UsageError(`${file} is not an inclusion-proof bundle (pxxl-keys audit prove)`);
  const result = checkInclusionBundle(bundle, verifierKey);
  const shown = result.ok ? { ok: true, seq: bundle.seq, eventId: bundle.eventId, treeSize: bundle.treeSize } : result;
  io.stdout.write(isOn(args, 'json') ? json(shown) : result.ok ? `VERIFIED: entry seq ${bundle.seq} (${bundle.eventId}) is in the signed tree of ${bundle.treeSize} entries\n` : `NOT VERIFIED: ${result.reason}: ${result.message}\n`);
  return result.ok ? EXIT.OK : EXIT.CHECK_FAILED;
}

function readVerifierKeyPath(args: ParsedArgs): string {
  const path = text(args, 'verifier-key');
  if (!path) throw new UsageError('give --verifier-key <file>: the log\'s verifier key (GET /v1/audit/verifier-key), kept from a source you trust');
  return path;
}

const HELP = `Usage: pxxl-keys audit verify [--expect-head <seq>:<hash>] [--from <iso>] [--to <iso>] [--from-seq n] [--to-seq n] [--json]
       pxxl-keys audit verify --file <export.ndjson> [--expect-head <seq>:<hash>] [--from-seq n] [--json]
       pxxl-keys audit verify --verifier-key <key.vkey> [--checkpoint <kept.txt>] [--bundle <bundle.ndjson>] [--witness-key <vkey>]… [--json]
       pxxl-keys audit verify --verifier-key <key.vkey> --proof <proof.json> [--json]

Proves the trail intact, or names the first broken entry (needs audit:read).
Asks the audit app for its own check, then downloads the chain and re-checks
every hash and link here, so the answer does not rest on the server's word.
--expect-head is a chain head published earlier (the audit app logs and
publishes one every hour; keep the one from your last review): the chain must
still contain it. With --file, checks an NDJSON export offline instead (no
service, no key). Exit 0 intact, ${EXIT.CHECK_FAILED} broken.

With --verifier-key (the log's public key, GET /v1/audit/verifier-key, kept
from a source you trust), checks the signed log instead: the current
checkpoint's signature, that it extends the checkpoint you kept (--checkpoint,
a consistency proof checked here), and that every entry hashes to its signed
root. With --bundle, all of that offline, from an export bundle. With
--proof, one entry's inclusion-proof bundle (pxxl-keys audit prove), offline.
Each --witness-key (a witness's cosignature/v1 verifier key, or a file
holding one; repeatable) must have cosigned the current checkpoint: the
check that you are shown the same log as everyone that witness watches.

Example:
  pxxl-keys audit verify --expect-head 1200:3f2a…e9
  pxxl-keys audit verify --checkpoint q1-checkpoint.txt --verifier-key audit.vkey
  pxxl-keys audit verify --bundle q2.bundle.ndjson --checkpoint q1-checkpoint.txt --verifier-key audit.vkey`;

const remote = remoteCommand({
  help: HELP,
  flags: ['expect-head', 'from', 'to', 'from-seq', 'to-seq'],
  audit: true,
  run: verifyRemote,
});

const remoteCheckpoint = remoteCommand({ help: HELP, flags: ['checkpoint', 'verifier-key', 'witness-key'], audit: true, run: verifyCheckpointRemote });

export const verifyAuditCommand: CliCommand = {
  help: remote.help,
  run(args, io) {
    const file = text(args, 'file');
    if (file) return verifyFile(file, args, io);
    const proof = text(args, 'proof');
    if (proof) return Promise.resolve(verifyProof(proof, args, io));
    const bundle = text(args, 'bundle');
    if (bundle) return verifyBundle(bundle, args, io);
    return text(args, 'verifier-key') || text(args, 'checkpoint') || text(args, 'witness-key') ? remoteCheckpoint.run(args, io) : remote.run(args, io);
  },
};
