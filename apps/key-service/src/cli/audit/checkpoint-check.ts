import {
  judgeCosignature,
  NoteFormatError,
  openNote,
  parseCosignatureVerifierKey,
  parseVerifierKey,
  StreamingRoot,
  verifyCheckpoint,
  verifyConsistency,
  type Checkpoint,
  type CosignatureVerifier,
  type NoteVerifier,
} from '@pxxl/audit-trail';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { UsageError } from '../args';

export type CheckpointCheck =
  | { ok: true; checkpoint: Summary; consistentWith: Summary | null; entries: number; cosignedBy: Array<{ witness: string; timestamp: number }> }
  | { ok: false; reason: string; message: string; checkpoint?: Summary; consistentWith?: Summary | null };

interface Summary {
  origin: string;
  size: number;
  root: string;
}

/** Where the current checkpoint, its entries and (live) a consistency proof come from: the audit app or a bundle. */
export interface CheckpointSource {
  checkpoint(): Promise<string>;
  /** The NDJSON lines of seq 1 to `size`. */
  entries(size: number): Promise<NodeJS.ReadableStream | AsyncIterable<string>>;
  /** A consistency proof from the server; null when the source holds every entry (a bundle), so the old root is recomputed instead. */
  consistencyProof(from: number, to: number): Promise<Buffer[] | null>;
}

const summary = (c: Checkpoint): Summary => ({ origin: c.origin, size: c.size, root: c.root.toString('base64') });

export function readVerifierKey(file: string | undefined): NoteVerifier {
  if (!file) throw new UsageError('give --verifier-key <file>: the log\'s verifier key (GET /v1/audit/verifier-key), kept from a source you trust');
  try {
    return parseVerifierKey(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof NoteFormatError) throw new UsageError(`--verifier-key ${file}: ${error.message}`);
    throw new UsageError(`--verifier-key ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** `--witness-key`: a witness's cosignature/v1 verifier key, or a file holding one. */
export function readWitnessKeys(values: string[]): CosignatureVerifier[] {
  return values.map((value) => {
    try {
      return parseCosignatureVerifierKey(value);
    } catch (inline) {
      let contents: string;
      try {
        contents = readFileSync(value, 'utf8');
      } catch {
        throw new UsageError(`--witness-key ${value}: ${(inline as Error).message}`);
      }
      try {
        return parseCosignatureVerifierKey(contents);
      } catch (error) {
        throw new UsageError(`--witness-key ${value}: ${(error as Error).message}`);
      }
    }
  });
}

/** Each witness must have cosigned the checkpoint (C2SP cosignature/v1): the split-view check. */
function checkCosigned(note: string, witnesses: readonly CosignatureVerifier[]): { ok: true; cosignedBy: Array<{ witness: string; timestamp: number }> } | { ok: false; reason: string; message: string } {
  const { text, signatures } = openNote(note);
  const cosignedBy: Array<{ witness: string; timestamp: number }> = [];
  for (const witness of witnesses) {
    const line = signatures.find((s) => s.name === witness.name && s.keyHash === witness.keyHash);
    if (!line) return { ok: false, reason: 'NOT_COSIGNED', message: `no cosignature by the witness ${witness.id}: no one you trust vouches that this is the checkpoint everyone else is shown` };
    const verdict = judgeCosignature(text, line, [witness]);
    if (!verdict.ok) return { ok: false, reason: verdict.reason, message: verdict.message };
    cosignedBy.push({ witness: verdict.witness, timestamp: verdict.timestamp });
  }
  return { ok: true, cosignedBy };
}

export function readKeptCheckpoint(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--checkpoint ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

async function* linesOf(input: NodeJS.ReadableStream | AsyncIterable<string>): AsyncGenerator<string> {
  if (Symbol.asyncIterator in input && !('pipe' in input)) {
    yield* input as AsyncIterable<string>;
    return;
  }
  for await (const line of createInterface({ input: input as NodeJS.ReadableStream, crlfDelay: Infinity })) if (line !== '') yield line;
}

/**
 * The three checks of `audit verify --checkpoint`: the current checkpoint is
 * signed by the verifier key (and so is the kept one); the current tree
 * extends the kept one (a consistency proof checked here, or the kept root
 * recomputed from the entries); every entry hashes to the signed root.
 */
export async function checkAgainstKept(kept: string | null, verifier: NoteVerifier, source: CheckpointSource, witnesses: readonly CosignatureVerifier[] = []): Promise<CheckpointCheck> {
  const old = kept === null ? null : verifyCheckpoint(kept, verifier);
  if (old && !old.ok) return { ok: false, reason: old.reason, message: `the kept checkpoint: ${old.message}` };
  const keptTree = old?.checkpoint ?? null;
  const consistentWith = keptTree ? summary(keptTree) : null;
  const note = await source.checkpoint();
  const current = verifyCheckpoint(note, verifier, keptTree?.origin);
  if (!current.ok) return { ok: false, reason: current.reason, message: `the current checkpoint: ${current.message}`, consistentWith };
  const signed = current.checkpoint;
  const checkpoint = summary(signed);
  const fail = (reason: string, message: string): CheckpointCheck => ({ ok: false, reason, message, checkpoint, consistentWith });
  const cosigned = checkCosigned(note, witnesses);
  if (!cosigned.ok) return fail(cosigned.reason, `the current checkpoint: ${cosigned.message}`);
  if (keptTree && signed.size < keptTree.size) {
    return fail('TREE_SHRUNK', `the log now holds ${signed.size} entries, fewer than the ${keptTree.size} of the kept checkpoint: entries were removed`);
  }
  if (keptTree && keptTree.size > 0) {
    const proof = await source.consistencyProof(keptTree.size, signed.size);
    if (proof && !verifyConsistency(keptTree.size, signed.size, proof, keptTree.root, signed.root)) {
      return fail('INCONSISTENT', `the current tree does not extend the kept one (consistency proof ${keptTree.size} → ${signed.size} fails): history before the kept checkpoint was rewritten`);
    }
  }
  const tree = new StreamingRoot();
  let keptRoot = keptTree && keptTree.size === 0 ? keptTree.root : null;
  for await (const line of linesOf(await source.entries(signed.size))) {
    tree.push(line);
    if (tree.size === keptTree?.size) keptRoot = tree.root();
  }
  if (keptTree && !(keptRoot && keptRoot.equals(keptTree.root))) {
    return fail('INCONSISTENT', `the first ${keptTree.size} entries do not hash to the kept checkpoint's root: they were rewritten`);
  }
  if (tree.size !== signed.size || !tree.root().equals(signed.root)) {
    return fail('ENTRIES_DO_NOT_MATCH', `the ${tree.size} entries do not hash to the signed root of ${signed.size} entries`);
  }
  return { ok: true, checkpoint, consistentWith, entries: tree.size, cosignedBy: cosigned.cosignedBy };
}

export function describeCheck(result: CheckpointCheck): string {
  if (!result.ok) return `NOT VERIFIED: ${result.reason}: ${result.message}\n`;
  return [
    `VERIFIED ${result.checkpoint.origin}`,
    `  signature:    the checkpoint of ${result.checkpoint.size} entries is signed by the verifier key`,
    result.consistentWith ? `  consistency:  it extends the kept checkpoint of ${result.consistentWith.size} entries` : '  consistency:  no kept checkpoint given (--checkpoint): keep this one for next time',
    `  entries:      all ${result.entries} hash to its root ${result.checkpoint.root}`,
    ...result.cosignedBy.map((c) => `  witness:      cosigned by ${c.witness} at ${new Date(c.timestamp * 1000).toISOString()}`),
    '  keep the current checkpoint (GET /v1/audit/checkpoint) for your next review',
  ].join('\n') + '\n';
}
