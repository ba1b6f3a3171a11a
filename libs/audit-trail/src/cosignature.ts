import { sign, verify } from 'node:crypto';
import { ed25519Private, hex8, NoteFormatError, noteKeyHash, parseEd25519VerifierKey, rawPublic, type NoteSignature } from './signed-note';

/**
 * C2SP tlog-cosignature, Ed25519 `cosignature/v1` (what
 * github.com/transparency-dev/formats/note signs and verifies): a witness's
 * note signature line over a checkpoint, whose bytes are the 4-byte key hash,
 * an 8-byte big-endian POSIX timestamp and the Ed25519 signature of
 * `cosignature/v1\ntime <timestamp>\n` followed by the checkpoint text.
 * A witness key is `<name>+<hash>+<base64(0x04 || public key)>`; its hash is
 * the first 4 bytes of SHA-256(name || "\n" || 0x04 || public key).
 */
const ALG_COSIGNATURE_V1 = 0x04;
const ALG_ED25519 = 0x01;
const TIMESTAMP_BYTES = 8;
const SIGNATURE_BYTES = 64;

export interface CosignatureVerifier {
  name: string;
  keyHash: number;
  /** `<name>+<hash>`: how a witness is named in messages and stored. */
  id: string;
  /** The timestamp the witness signed, or null when the signature does not verify over `text`. */
  verify(text: string, signature: Buffer): number | null;
}

export function cosignatureMessage(text: string, timestamp: number): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${text}`, 'utf8');
}

export function parseCosignatureVerifierKey(text: string): CosignatureVerifier {
  const { name, keyHash, publicKey } = parseEd25519VerifierKey(text, ALG_COSIGNATURE_V1, 'witness key');
  return {
    name,
    keyHash,
    id: `${name}+${hex8(keyHash)}`,
    verify(noteText, signature) {
      if (signature.length !== TIMESTAMP_BYTES + SIGNATURE_BYTES) return null;
      const timestamp = signature.readBigUInt64BE(0);
      // C2SP: at most 2^63 - 1; here also a safe integer of seconds (year 285 million).
      if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) return null;
      const seconds = Number(timestamp);
      return verify(null, cosignatureMessage(noteText, seconds), publicKey, signature.subarray(TIMESTAMP_BYTES)) ? seconds : null;
    },
  };
}

/** A witness's signer key `PRIVATE+KEY+<name>+<hash>+<base64(0x01 or 0x04 || seed)>`, as formats/note reads it. */
function parseCosignerKey(signerKey: string): { name: string; privateKey: ReturnType<typeof ed25519Private>; verifierKey: Buffer } {
  const match = /^PRIVATE\+KEY\+([^+\s]+)\+[0-9a-f]{8}\+([A-Za-z0-9+/]+=*)$/.exec(signerKey.trim());
  const key = match ? Buffer.from(match[2], 'base64') : Buffer.alloc(0);
  if (!match || key.length !== 33 || (key[0] !== ALG_ED25519 && key[0] !== ALG_COSIGNATURE_V1)) throw new NoteFormatError('not an Ed25519 signer key');
  const privateKey = ed25519Private(key.subarray(1));
  return { name: match[1], privateKey, verifierKey: Buffer.concat([Buffer.from([ALG_COSIGNATURE_V1]), rawPublic(privateKey)]) };
}

/** The cosignature/v1 verifier key of a witness's signer key (formats/note `VKeyToCosignatureV1` of its note key). */
export function cosignatureVerifierKey(signerKey: string): string {
  const { name, verifierKey } = parseCosignerKey(signerKey);
  return `${name}+${hex8(noteKeyHash(name, verifierKey))}+${verifierKey.toString('base64')}`;
}

/**
 * A witness's cosignature line over a checkpoint text, as `formats/note`
 * `NewSignerForCosignatureV1` writes it (the witness side: tests and tools).
 */
export function cosignatureLine(text: string, signerKey: string, timestamp: number): string {
  const { name, privateKey, verifierKey } = parseCosignerKey(signerKey);
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new NoteFormatError('a cosignature timestamp is a whole number of seconds');
  const head = Buffer.alloc(4 + TIMESTAMP_BYTES);
  head.writeUInt32BE(noteKeyHash(name, verifierKey), 0);
  head.writeBigUInt64BE(BigInt(timestamp), 4);
  const signature = sign(null, cosignatureMessage(text, timestamp), privateKey);
  return `\u2014 ${name} ${Buffer.concat([head, signature]).toString('base64')}\n`;
}

export type CosignatureVerdict =
  | { ok: true; witness: string; timestamp: number; line: string }
  | { ok: false; reason: 'UNKNOWN_WITNESS' | 'BAD_COSIGNATURE'; witness: string; message: string };

/** One signature line of a note, judged against the witnesses one trusts: by name and key hash, then the signature itself. */
export function judgeCosignature(text: string, signature: NoteSignature, witnesses: readonly CosignatureVerifier[]): CosignatureVerdict {
  const witness = `${signature.name}+${hex8(signature.keyHash)}`;
  const verifier = witnesses.find((w) => w.name === signature.name && w.keyHash === signature.keyHash);
  if (!verifier) return { ok: false, reason: 'UNKNOWN_WITNESS', witness, message: `${witness} is not a configured witness (AUDIT_WITNESS_KEYS)` };
  const timestamp = verifier.verify(text, signature.signature);
  if (timestamp === null) return { ok: false, reason: 'BAD_COSIGNATURE', witness, message: `the cosignature by ${witness} does not verify over this checkpoint (C2SP cosignature/v1)` };
  return { ok: true, witness, timestamp, line: signature.line };
}
