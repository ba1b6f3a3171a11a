import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface OutsideVerdict {
  ok: boolean;
  entries?: number;
  seq?: number;
  reason?: string;
  head?: { seq: number; hash: string } | null;
}

/** The reviewer's chain verifier in Python (test/audit/verify_chain.py), written from docs/audit.md alone, over NDJSON. */
export function pythonVerify(ndjson: string): OutsideVerdict {
  try {
    return JSON.parse(execFileSync('python3', [join(__dirname, '..', 'audit', 'verify_chain.py'), '-'], { input: ndjson }).toString());
  } catch (error) {
    // Exit 4 is its "not intact" answer, still printed on stdout.
    const { stdout } = error as { stdout?: Buffer };
    if (stdout && stdout.length > 0) return JSON.parse(stdout.toString());
    throw error;
  }
}
