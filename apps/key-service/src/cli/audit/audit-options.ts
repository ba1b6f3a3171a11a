import type { ChainHead } from '@pxxl/client';
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { text, UsageError, type ParsedArgs } from '../args';
import type { CliIo } from '../cli-io';

export const FILTER_FLAGS = ['from', 'to', 'key-id', 'type', 'actor'] as const;

export const FILTERS_HELP = `  --from <iso>, --to <iso>   entries that occurred in [from, to)
  --key-id <id>              one key's entries
  --type <types>             comma-separated event types, e.g. KeyRevoked,KeyExpiring,KeyExpired
  --actor <actor>            "system" or "key:<keyId>"`;

export function filters(args: ParsedArgs) {
  return { from: text(args, 'from'), to: text(args, 'to'), keyId: text(args, 'key-id'), type: text(args, 'type'), actor: text(args, 'actor') };
}

export function parseHead(value: string | undefined): ChainHead | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value);
  if (!match) throw new UsageError('--expect-head must be <seq>:<hash>, as published (e.g. 1200:3f2a…, 64 hex digits)');
  return { seq: Number(match[1]), hash: match[2] };
}

/** A streamed answer to --out <file>, or to stdout. */
export async function writeBody(body: Readable, args: ParsedArgs, io: CliIo): Promise<void> {
  const out = text(args, 'out');
  if (out) {
    await pipeline(body, createWriteStream(out));
    return;
  }
  for await (const chunk of body) io.stdout.write(chunk as Uint8Array);
}
