import { execFileSync } from 'node:child_process';

const { ensureTlogVerifier } = require('../../scripts/ensure-tlog-verifier') as { ensureTlogVerifier: () => string };

export interface TlogJob {
  verifierKey: string;
  origin: string;
  checkpoint: string;
  earlier?: string;
  consistencyProof?: string[];
  inclusions?: Array<{ entry: string; index: number; proof: string[] }>;
  witnessKeys?: string[];
}

export interface TlogResult {
  ok: boolean;
  error?: string;
  size?: number;
  root?: string;
  cosigned?: string[];
}

export interface TlogVerdict {
  checkpoint: TlogResult;
  earlier?: TlogResult;
  consistency?: TlogResult;
  inclusions: TlogResult[];
}

/**
 * The Go verifier of test/audit/tlog-verifier (golang.org/x/mod/sumdb/note,
 * transparency-dev/formats, transparency-dev/merkle; none of our code), built
 * from the Go module proxy on first use.
 */
export function tlogVerify(job: TlogJob): TlogVerdict {
  const binary = ensureTlogVerifier();
  return JSON.parse(execFileSync(binary, [], { input: JSON.stringify(job) }).toString()) as TlogVerdict;
}
