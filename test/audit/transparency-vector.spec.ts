import {
  checkpointText,
  cosignatureLine,
  cosignatureVerifierKey,
  generateSignerKey,
  judgeCosignature,
  leafHash,
  nodeHash,
  openNote,
  parseCosignatureVerifierKey,
  parseSignerKey,
  signNote,
  verifyCheckpoint,
  parseVerifierKey,
} from '@pxxl/audit-trail';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'audit.md'), 'utf8');
const chainVector = doc.slice(doc.indexOf('### Verifying without our code'), doc.indexOf('### Several audit consumers'));
const entries = [...chainVector.matchAll(/```json\n(.*)\n```/g)].map((m) => m[1]);
const treeVector = doc.slice(doc.indexOf('### The tree, exactly'), doc.indexOf('### Routes'));
const hexes = [...treeVector.matchAll(/`([0-9a-f]{64})`/g)].map((m) => m[1]);
const note = /```text\n([\s\S]*?)```/.exec(treeVector)![1];
const documentedVerifierKey = /`(pxxl-keys\.example\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+)`/.exec(doc)![1];

/** The example key of docs/audit.md: the Ed25519 seed of 32 bytes 0x07, named pxxl-keys.example (the same key a note written by Go used, libs/audit-trail/src/signed-note.spec.ts). */
const exampleSigner = parseSignerKey(generateSignerKey('pxxl-keys.example', Buffer.alloc(32, 7)));

describe('docs/audit.md, "The tree, exactly"', () => {
  it('gives the leaf hashes of the two vector entries (their export lines, without the newline) and the root of their tree', () => {
    expect(entries).toHaveLength(2);
    const leaves = entries.map((line) => leafHash(line));
    expect(hexes).toEqual([leaves[0].toString('hex'), leaves[1].toString('hex'), nodeHash(leaves[0], leaves[1]).toString('hex')]);
    expect(treeVector).toContain(`\`${nodeHash(leaves[0], leaves[1]).toString('base64')}\``);
  });

  it('gives, byte for byte, the checkpoint of that tree signed by the example key, which verifies with the documented verifier key', () => {
    const root = nodeHash(leafHash(entries[0]), leafHash(entries[1]));
    expect(note).toBe(signNote(checkpointText({ origin: 'pxxl-keys.example/audit/acme', size: 2, root }), [exampleSigner]));
    expect(documentedVerifierKey).toBe(exampleSigner.verifierKey);
    expect(verifyCheckpoint(note, parseVerifierKey(documentedVerifierKey), 'pxxl-keys.example/audit/acme')).toMatchObject({ ok: true, checkpoint: { size: 2 } });
  });
});

describe('docs/audit.md, "Witnesses"', () => {
  const section = doc.slice(doc.indexOf('### Witnesses: protection against a split view'), doc.indexOf('### Trust model, in plain words'));
  const cosigned = /```text\n([\s\S]*?)```/.exec(section)![1];
  const witnessKey = /`(witness\.example\/w1\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+)`/.exec(section)![1];
  const witnessSigner = generateSignerKey('witness.example/w1', Buffer.alloc(32, 0x0b));

  it('gives the checkpoint of "The tree, exactly" with the example witness\'s cosignature at the documented time, byte for byte', () => {
    expect(witnessKey).toBe(cosignatureVerifierKey(witnessSigner));
    expect(section).toContain('POSIX time 1796225805');
    expect(cosigned).toBe(note + cosignatureLine(openNote(note).text, witnessSigner, 1796225805));
  });

  it('whose cosignature verifies with the documented witness key, and whose log signature still verifies with the log\'s', () => {
    const opened = openNote(cosigned);
    expect(judgeCosignature(opened.text, opened.signatures[1], [parseCosignatureVerifierKey(witnessKey)])).toMatchObject({ ok: true, timestamp: 1796225805 });
    expect(verifyCheckpoint(cosigned, parseVerifierKey(documentedVerifierKey), 'pxxl-keys.example/audit/acme')).toMatchObject({ ok: true });
  });
});
