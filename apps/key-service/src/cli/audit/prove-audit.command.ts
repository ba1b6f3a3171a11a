import { leafHash, verifyCheckpoint, verifyInclusion, parseVerifierKey, type InclusionProofAnswer } from '@pxxl/audit-trail';
import { writeFileSync } from 'node:fs';
import { text, UsageError } from '../args';
import { EXIT } from '../exit-codes';
import { remoteCommand } from '../remote/remote-command';

/** What `audit prove` writes: everything a third party needs to check one entry, and nothing else of the trail. */
export interface InclusionBundle extends InclusionProofAnswer {
  bundle: 'pxxl-audit-inclusion/1';
  checkpoint: string;
  verifierKey: string;
}

/** Checks an inclusion bundle: the checkpoint's signature by `verifierKey`, then the entry's audit path to its root. */
export function checkInclusionBundle(bundle: InclusionBundle, verifierKey: string): { ok: true } | { ok: false; reason: string; message: string } {
  const checkpoint = verifyCheckpoint(bundle.checkpoint, parseVerifierKey(verifierKey));
  if (!checkpoint.ok) return checkpoint;
  if (checkpoint.checkpoint.size !== bundle.treeSize) return { ok: false, reason: 'WRONG_TREE_SIZE', message: `the proof is for ${bundle.treeSize} entries, the checkpoint for ${checkpoint.checkpoint.size}` };
  const proof = bundle.proof.map((h) => Buffer.from(h, 'base64'));
  if (!verifyInclusion(bundle.leafIndex, bundle.treeSize, leafHash(bundle.entry), proof, checkpoint.checkpoint.root)) {
    return { ok: false, reason: 'NOT_INCLUDED', message: `the entry does not hash, along its audit path, to the signed root of ${bundle.treeSize} entries` };
  }
  return { ok: true };
}

export const proveAuditCommand = remoteCommand({
  help: `Usage: pxxl-keys audit prove --event-id <id> [--out <proof.json>]

Writes an inclusion-proof bundle for one audit entry (needs audit:read): the
entry's export line, its RFC 9162 audit path, the signed checkpoint it leads
to and the verifier key. Anyone can check it without access to the trail:
"pxxl-keys audit verify --proof <proof.json> --verifier-key <key.vkey>", or
any transparency-log library (docs/audit.md). The bundle is checked here
before it is written.

Example:
  pxxl-keys audit prove --event-id 3f0c2a4e-8d1b-4c6f-9e2a-5b7d1c0e9f31 --out revocation-proof.json`,
  flags: ['event-id', 'out'],
  audit: true,
  async run(client, args, io) {
    const eventId = text(args, 'event-id');
    if (!eventId) throw new UsageError('give --event-id <id> (the entry\'s eventId)');
    const checkpoint = await client.audit.checkpoint();
    const verifierKey = await client.audit.verifierKey();
    const answer = await client.audit.inclusionProof({ eventId });
    const bundle: InclusionBundle = { bundle: 'pxxl-audit-inclusion/1', ...answer, checkpoint, verifierKey };
    const check = checkInclusionBundle(bundle, verifierKey);
    if (!check.ok) {
      io.stderr.write(`the audit app's proof does not verify: ${check.reason}: ${check.message}\n`);
      return EXIT.CHECK_FAILED;
    }
    const out = text(args, 'out');
    const body = JSON.stringify(bundle, null, 2) + '\n';
    if (out) writeFileSync(out, body);
    else io.stdout.write(body);
    io.stderr.write(`entry seq ${bundle.seq} is in the signed tree of ${bundle.treeSize} entries${out ? `; proof written to ${out}` : ''}\n`);
    return EXIT.OK;
  },
});
