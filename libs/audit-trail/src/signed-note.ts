import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * C2SP signed-note with Ed25519 (the format of golang.org/x/mod/sumdb/note)
 * and C2SP tlog-checkpoint. Keys are in the note formats:
 * signer `PRIVATE+KEY+<name>+<hash>+<base64(0x01 || seed)>`,
 * verifier `<name>+<hash>+<base64(0x01 || public key)>`, where `<hash>` is
 * 8 hex digits: the first 4 bytes of SHA-256(name || "\n" || 0x01 || public key).
 */
const ALG_ED25519 = 0x01;
const SIGNATURE_PREFIX = '\u2014 '; // an em dash and a space

export interface NoteSigner {
  name: string;
  keyHash: number;
  verifierKey: string;
  sign(text: string): Buffer;
}

export interface NoteVerifier {
  name: string;
  keyHash: number;
  verify(text: string, signature: Buffer): boolean;
}

export class NoteFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteFormatError';
  }
}

const validName = (name: string) => name.length > 0 && !/[\s+]/u.test(name);

export function noteKeyHash(name: string, key: Buffer): number {
  return createHash('sha256').update(name).update('\n').update(key).digest().readUInt32BE(0);
}

/** Splits at the first `count - 1` plus signs: base64 key data may hold `+` itself. */
function splitPlus(text: string, count: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < count - 1) {
    const at = rest.indexOf('+');
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...parts, rest];
}

export const hex8 = (hash: number) => hash.toString(16).padStart(8, '0');

export function ed25519Private(seed: Buffer): KeyObject {
  // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): a fixed 16-byte prefix.
  return createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
}

function ed25519Public(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
}

export function rawPublic(key: KeyObject): Buffer {
  return createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);
}

/** A fresh signer key, in the note format `PRIVATE+KEY+…` (what `note.GenerateKey` writes). */
export function generateSignerKey(name: string, seed: Buffer): string {
  if (!validName(name)) throw new NoteFormatError(`a key name has no spaces and no "+": ${JSON.stringify(name)}`);
  if (seed.length !== 32) throw new NoteFormatError('an Ed25519 seed is 32 bytes');
  const pub = Buffer.concat([Buffer.from([ALG_ED25519]), rawPublic(ed25519Private(seed))]);
  return `PRIVATE+KEY+${name}+${hex8(noteKeyHash(name, pub))}+${Buffer.concat([Buffer.from([ALG_ED25519]), seed]).toString('base64')}`;
}

export function parseSignerKey(text: string): NoteSigner {
  const parts = splitPlus(text.trim(), 5);
  if (parts.length !== 5 || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') throw new NoteFormatError('a signer key reads PRIVATE+KEY+<name>+<hash>+<key>');
  const [, , name, hash, data] = parts;
  const key = Buffer.from(data, 'base64');
  if (!validName(name) || key.length !== 33 || key[0] !== ALG_ED25519) throw new NoteFormatError('not an Ed25519 signer key');
  const privateKey = ed25519Private(key.subarray(1));
  const pub = Buffer.concat([Buffer.from([ALG_ED25519]), rawPublic(privateKey)]);
  const keyHash = noteKeyHash(name, pub);
  if (hex8(keyHash) !== hash.toLowerCase()) throw new NoteFormatError('the signer key hash does not match its key');
  return {
    name,
    keyHash,
    verifierKey: `${name}+${hex8(keyHash)}+${pub.toString('base64')}`,
    sign: (noteText) => sign(null, Buffer.from(noteText, 'utf8'), privateKey),
  };
}

/** A verifier key `<name>+<hash>+<base64(alg || 32-byte Ed25519 key)>` of one algorithm byte: its name, key hash and public key. */
export function parseEd25519VerifierKey(text: string, alg: number, what: string): { name: string; keyHash: number; publicKey: KeyObject } {
  const parts = splitPlus(text.trim(), 3);
  if (parts.length !== 3) throw new NoteFormatError(`a ${what} reads <name>+<hash>+<key>`);
  const [name, hash, data] = parts;
  const key = Buffer.from(data, 'base64');
  if (!validName(name) || !/^[0-9a-f]{8}$/.test(hash) || key.length !== 33 || key[0] !== alg || key.toString('base64') !== data) {
    throw new NoteFormatError(`not an Ed25519 ${what} (key type 0x${alg.toString(16).padStart(2, '0')})`);
  }
  const keyHash = noteKeyHash(name, key);
  if (hex8(keyHash) !== hash) throw new NoteFormatError(`the ${what} hash does not match its key`);
  return { name, keyHash, publicKey: ed25519Public(key.subarray(1)) };
}

export function parseVerifierKey(text: string): NoteVerifier {
  const { name, keyHash, publicKey } = parseEd25519VerifierKey(text, ALG_ED25519, 'verifier key');
  return { name, keyHash, verify: (noteText, signature) => signature.length === 64 && verify(null, Buffer.from(noteText, 'utf8'), publicKey, signature) };
}

/** The note: its text (ending in a newline), a blank line, one signature line per signer. */
export function signNote(text: string, signers: NoteSigner[]): string {
  if (!text.endsWith('\n')) throw new NoteFormatError('a note text ends with a newline');
  const lines = signers.map((signer) => {
    const hash = Buffer.alloc(4);
    hash.writeUInt32BE(signer.keyHash);
    return `${SIGNATURE_PREFIX}${signer.name} ${Buffer.concat([hash, signer.sign(text)]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

export interface NoteSignature {
  name: string;
  keyHash: number;
  signature: Buffer;
  line: string;
}

export interface OpenedNote {
  text: string;
  signatures: NoteSignature[];
}

export function openNote(note: string): OpenedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new NoteFormatError('a signed note is text, a blank line and signature lines');
  const text = note.slice(0, split + 1);
  const signatures = note
    .slice(split + 2, -1)
    .split('\n')
    .map((line): NoteSignature => {
      const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
      const bytes = match ? Buffer.from(match[2], 'base64') : Buffer.alloc(0);
      if (!match || bytes.length < 5) throw new NoteFormatError(`not a signature line: ${JSON.stringify(line)}`);
      return { name: match[1], keyHash: bytes.readUInt32BE(0), signature: bytes.subarray(4), line: `${line}\n` };
    });
  return { text, signatures };
}

export type NoteVerdict = { ok: true; text: string; signatures: NoteSignature[] } | { ok: false; reason: 'MALFORMED_NOTE' | 'UNKNOWN_SIGNER' | 'BAD_SIGNATURE'; message: string };

/** Accepts a note signed by `verifier` (other signature lines are kept for the caller, not trusted). */
export function verifyNote(note: string, verifier: NoteVerifier): NoteVerdict {
  let opened: OpenedNote;
  try {
    opened = openNote(note);
  } catch (error) {
    return { ok: false, reason: 'MALFORMED_NOTE', message: (error as Error).message };
  }
  const mine = opened.signatures.filter((s) => s.name === verifier.name && s.keyHash === verifier.keyHash);
  if (mine.length === 0) {
    const by = opened.signatures.map((s) => `${s.name}+${hex8(s.keyHash)}`).join(', ');
    return { ok: false, reason: 'UNKNOWN_SIGNER', message: `no signature by ${verifier.name}+${hex8(verifier.keyHash)} (signed by ${by || 'nobody'})` };
  }
  if (!mine.every((s) => verifier.verify(opened.text, s.signature))) return { ok: false, reason: 'BAD_SIGNATURE', message: `the signature by ${verifier.name} does not match the note` };
  return { ok: true, text: opened.text, signatures: opened.signatures };
}

/** C2SP tlog-checkpoint: origin, tree size, base64 root hash, one per line. */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
}

export function checkpointText(checkpoint: Checkpoint): string {
  return `${checkpoint.origin}\n${checkpoint.size}\n${checkpoint.root.toString('base64')}\n`;
}

export function parseCheckpointText(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || !/^(0|[1-9][0-9]*)$/.test(lines[1]) || lines[0].length === 0) throw new NoteFormatError('a checkpoint reads origin, size and root hash, one per line');
  const root = Buffer.from(lines[2], 'base64');
  if (root.length !== 32 || root.toString('base64') !== lines[2]) throw new NoteFormatError('a checkpoint root is 32 bytes in base64');
  const size = Number(lines[1]);
  if (!Number.isSafeInteger(size)) throw new NoteFormatError('a checkpoint size is too large');
  return { origin: lines[0], size, root };
}

export function verifierKeyName(verifierKey: string): string {
  return verifierKey.split('+')[0];
}

export type CheckpointVerdict =
  | { ok: true; checkpoint: Checkpoint; signatures: NoteSignature[] }
  | { ok: false; reason: 'MALFORMED_NOTE' | 'UNKNOWN_SIGNER' | 'BAD_SIGNATURE' | 'WRONG_ORIGIN'; message: string };

/** A signed checkpoint checked the way a reviewer does: the signature by the verifier key, then the origin it names. */
export function verifyCheckpoint(note: string, verifier: NoteVerifier, origin?: string): CheckpointVerdict {
  const verdict = verifyNote(note, verifier);
  if (!verdict.ok) return verdict;
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpointText(verdict.text);
  } catch (error) {
    return { ok: false, reason: 'MALFORMED_NOTE', message: (error as Error).message };
  }
  if (origin !== undefined && checkpoint.origin !== origin) return { ok: false, reason: 'WRONG_ORIGIN', message: `the checkpoint is of ${checkpoint.origin}, not ${origin}` };
  return { ok: true, checkpoint, signatures: verdict.signatures };
}
