import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const TOKEN = /pxxl_[0-9A-Za-z]{16}_[0-9A-Za-z]{38}/g;

/**
 * Where tests leave what the end-of-suite secret scan needs
 * (test/infra/secret-scan.js): every token they were handed, and app logs.
 * Nothing is recorded when the suite runs without its own infrastructure.
 */
export function ledgerDir(): string | undefined {
  const infra = process.env.PXXL_TEST_INFRA_DIR;
  if (!infra) return undefined;
  const dir = join(infra, 'secrets');
  mkdirSync(join(dir, 'logs'), { recursive: true });
  return dir;
}

export function recordTokensIn(text: string): void {
  const dir = ledgerDir();
  const tokens = text.match(TOKEN);
  if (dir && tokens) appendFileSync(join(dir, 'tokens.txt'), tokens.join('\n') + '\n');
}

export function logFile(name: string): string | undefined {
  const dir = ledgerDir();
  return dir ? join(dir, 'logs', `${name}-${process.pid}-${Date.now()}.log`) : undefined;
}
