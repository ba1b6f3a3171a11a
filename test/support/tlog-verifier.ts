import { execFileSync } from 'node:child_process';

const { ensureTlogVerifier } = require('../../scripts/ensure-tlog-verifier') as { ensureTlogVerifier: () => string };

export interface TlogJob {
  verifierKey: string;
  origin: string;
  checkpoint: string;
  earlier?: string;
  consistencyProof?: string[];
  inclusions?: Array<{ entry: string; index: number; proof: string[] }>;
  /** cosignature/v1 verifier keys: each must have cosigned the checkpoint. */
  witnessKeys?: string[];
  /** Act as a witness: cosign the checkpoint with this signer key if it verifies (and extends `earlier`, when given). */
  witnessSignerKey?: string;
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
  /** As a witness: the signature lines a C2SP tlog-witness add-checkpoint call answers. */
  cosignature?: string;
}

/**
 * The Go verifier of test/audit/tlog-verifier (golang.org/x/mod/sumdb/note,
 * transparency-dev/formats, transparency-dev/merkle; none of our code), built
 * from the Go module proxy on first use.
 */
export function tlogVerify(job: TlogJob): TlogVerdict {
  return run(job) as TlogVerdict;
}

/** A witness key pair made by the Go program (note.GenerateKey, then formats' VKeyToCosignatureV1). */
export function goWitnessKeys(name: string): { signerKey: string; verifierKey: string } {
  return run({ generateWitness: name }) as { signerKey: string; verifierKey: string };
}

function run(job: object): unknown {
  const binary = ensureTlogVerifier();
  return JSON.parse(execFileSync(binary, [], { input: JSON.stringify(job) }).toString());
}
