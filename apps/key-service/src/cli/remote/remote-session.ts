import { PxxlClient } from '@pxxl/client';
import { loadConfig, type EnvReader } from '@pxxl/config';
import { readFileSync } from 'node:fs';
import { text, UsageError, type ParsedArgs } from '../args';
import type { CliIo } from '../cli-io';

const HTTP_URL = /^https?:\/\/[^\s]+$/;
const URL_HINT = 'the key service, e.g. export PXXL_URL=http://127.0.0.1:3000 (the address npm start prints)';

/** The flags every remote command takes for the caller's key, besides PXXL_API_KEY. */
export const KEY_FLAGS = ['key-stdin', 'key-file'] as const;

export const REMOTE_ENV_HELP = `Environment:
  PXXL_URL          the key service (e.g. http://127.0.0.1:3000)
  PXXL_API_KEY      your key; or pipe it in with --key-stdin, or --key-file <path>.
                    Never give a key as an argument: it would stay in your shell
                    history and be visible to other users in the process list.
  PXXL_AUDIT_URL    the audit app (audit commands); default: PXXL_URL with port
                    3002 when PXXL_URL uses port 3000 (the npm start layout),
                    otherwise PXXL_URL itself (one gateway in front of both)
  PXXL_TIMEOUT_MS   bound on connecting and on each wait for data (default 30000)`;

/**
 * The audit app's address. Under `npm start` the apps listen on 3000 (key
 * service) and 3002 (audit); behind a gateway one address serves both.
 */
export function auditUrlFrom(keyServiceUrl: string): string {
  const url = new URL(keyServiceUrl);
  if (url.port !== '3000') return keyServiceUrl;
  url.port = '3002';
  return url.toString().replace(/\/+$/, '');
}

function endpoints(env: EnvReader, audit: boolean): { url: string; auditUrl?: string } {
  if (!audit) return { url: env.string('PXXL_URL', { pattern: HTTP_URL, hint: URL_HINT }) };
  const explicit = env.string('PXXL_AUDIT_URL', { default: '-', pattern: /^(-|https?:\/\/[^\s]+)$/, hint: 'the audit app, e.g. http://127.0.0.1:3002' });
  if (explicit !== '-') return { url: explicit, auditUrl: explicit };
  const url = env.string('PXXL_URL', { pattern: HTTP_URL, hint: `${URL_HINT}; or set PXXL_AUDIT_URL to the audit app` });
  return { url, auditUrl: HTTP_URL.test(url) ? auditUrlFrom(url) : url };
}

/** A key from stdin (piped, never typed on the command line), trimmed. */
export async function readStdin(io: CliIo, what: string, how: string): Promise<string> {
  if (!io.stdin || io.stdin.isTTY) throw new UsageError(`${what} is read from stdin: pipe it in, e.g. ${how}`);
  let data = '';
  for await (const chunk of io.stdin) data += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
  const value = data.trim();
  if (!value) throw new UsageError(`${what} is read from stdin, and stdin was empty`);
  return value;
}

async function callerKey(args: ParsedArgs, io: CliIo): Promise<string> {
  const file = text(args, 'key-file');
  if (args.flags['key-stdin'] === true && file) throw new UsageError('give --key-stdin or --key-file, not both');
  if (args.flags['key-stdin'] === true) return readStdin(io, 'your key (--key-stdin)', '"pxxl-keys keys list --key-stdin < admin-key.txt"');
  if (file) {
    try {
      const key = readFileSync(file, 'utf8').trim();
      if (key) return key;
    } catch (error) {
      throw new UsageError(`cannot read --key-file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
    throw new UsageError(`--key-file ${file} is empty`);
  }
  return loadConfig(
    (env) =>
      env.string('PXXL_API_KEY', {
        hint: 'your key, e.g. export PXXL_API_KEY=pxxl_… (read it from a vault, not typed on the command line), or pipe it in with --key-stdin',
      }),
    io.env,
  );
}

/** A client for one command run, closed when the run ends. `key: false` for calls that need none (verify, scopes). */
export async function withClient<T>(
  args: ParsedArgs,
  io: CliIo,
  options: { audit?: boolean; key?: boolean },
  use: (client: PxxlClient) => Promise<T>,
): Promise<T> {
  const { url, auditUrl, timeoutMs } = loadConfig(
    (env) => ({ ...endpoints(env, options.audit === true), timeoutMs: env.int('PXXL_TIMEOUT_MS', { default: 30_000, min: 100, max: 600_000 }) }),
    io.env,
  );
  const apiKey = options.key === false ? undefined : await callerKey(args, io);
  const client = new PxxlClient({ url, auditUrl, apiKey, timeoutMs, userAgent: 'pxxl-keys-cli' });
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}
