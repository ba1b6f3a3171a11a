import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { recordTokensIn } from './secret-ledger';

const BIN = join(__dirname, '..', '..', 'bin', 'pxxl-keys.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/pxxl-keys.js …` as an operator would (from dist/), with only
 * the environment given (none of this process's PXXL_* variables) and `input`
 * on stdin. Asynchronous, so an in-process TestStack keeps answering meanwhile.
 */
export function pxxlKeys(argv: string[], options: { env?: Record<string, string | undefined>; input?: string } = {}): Promise<CliRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PXXL_')));
  const child = spawn(process.execPath, [BIN, ...argv], { env: { ...inherited, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.on('error', () => undefined); // a command that does not read stdin may exit first
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      recordTokensIn(stdout + stderr); // the end-of-suite scan checks that no printed key was stored or logged
      resolve({ code, stdout, stderr });
    });
  });
}
