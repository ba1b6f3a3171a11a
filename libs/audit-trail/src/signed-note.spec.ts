import { generateSignerKey, parseCheckpointText, parseSignerKey, parseVerifierKey, signNote, verifyCheckpoint, verifyNote } from './signed-note';

// Written by golang.org/x/mod/sumdb/note v0.36.0 (note.GenerateKey over a seed of 32 bytes 0x07, then note.Sign).
const GO_SIGNER = 'PRIVATE+KEY+pxxl-keys.example+5eec2049+AQcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcH';
const GO_VERIFIER = 'pxxl-keys.example+5eec2049+AepKbGPinFIKvvVQexMuxfmVR3auvr57kkIe6mkURtIs';
const GO_TEXT = 'pxxl-keys.example/audit/acme\n2\nIUlAGm4k1L6Mmhj5kWrWQVd9jqTODq6OPcVCUDDs0/Q=\n';
const GO_NOTE = `${GO_TEXT}\n\u2014 pxxl-keys.example XuwgSa+MhDITYNwy6Rr1QfPsaVk6OnLkO+wr15CTVOe+OcB7WYCtttir5nFpHzJhSVj77Nosz+bEkA+sdKCor2rURgQ=\n`;

describe('signed notes and checkpoints (C2SP signed-note, tlog-checkpoint)', () => {
  it('given the seed Go used, when generating the key, then it writes the same signer and verifier keys', () => {
    expect(generateSignerKey('pxxl-keys.example', Buffer.alloc(32, 7))).toBe(GO_SIGNER);
    expect(parseSignerKey(GO_SIGNER).verifierKey).toBe(GO_VERIFIER);
  });

  it('when signing the text Go signed, then the note is byte for byte the one Go wrote (Ed25519 is deterministic)', () => {
    expect(signNote(GO_TEXT, [parseSignerKey(GO_SIGNER)])).toBe(GO_NOTE);
  });

  it('accepts the note with its verifier key and reads the checkpoint in it', () => {
    const verdict = verifyCheckpoint(GO_NOTE, parseVerifierKey(GO_VERIFIER), 'pxxl-keys.example/audit/acme');
    expect(verdict).toMatchObject({ ok: true, checkpoint: { origin: 'pxxl-keys.example/audit/acme', size: 2 } });
  });

  it('refuses a note signed by another key, one with an altered text, and one of another origin', () => {
    const other = parseSignerKey(generateSignerKey('pxxl-keys.example', Buffer.alloc(32, 9)));
    expect(verifyNote(signNote(GO_TEXT, [other]), parseVerifierKey(GO_VERIFIER))).toMatchObject({ ok: false, reason: 'UNKNOWN_SIGNER' });
    expect(verifyNote(GO_NOTE.replace('\n2\n', '\n3\n'), parseVerifierKey(GO_VERIFIER))).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
    expect(verifyCheckpoint(GO_NOTE, parseVerifierKey(GO_VERIFIER), 'pxxl-keys.example/audit/globex')).toMatchObject({ ok: false, reason: 'WRONG_ORIGIN' });
    expect(verifyNote('no signatures\n', parseVerifierKey(GO_VERIFIER))).toMatchObject({ ok: false, reason: 'MALFORMED_NOTE' });
  });

  it('reads keys whose base64 holds "+" (split at the first plus signs only)', () => {
    for (let seed = 0; seed < 64; seed++) {
      const signer = parseSignerKey(generateSignerKey('pxxl-keys.example', Buffer.alloc(32, seed)));
      expect(parseVerifierKey(signer.verifierKey).keyHash).toBe(signer.keyHash);
    }
  });

  it('refuses malformed keys and checkpoints', () => {
    expect(() => parseVerifierKey(GO_VERIFIER.replace('5eec2049', '5eec2048'))).toThrow('hash');
    expect(() => parseVerifierKey('name+1234')).toThrow();
    expect(() => parseSignerKey(GO_VERIFIER)).toThrow();
    expect(() => parseCheckpointText('origin\n01\nAAAA\n')).toThrow();
  });
});
