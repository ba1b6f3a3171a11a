import { cosignatureLine, cosignatureVerifierKey, judgeCosignature, parseCosignatureVerifierKey } from './cosignature';
import { generateSignerKey, openNote } from './signed-note';

// The checkpoint of docs/audit.md ("The tree, exactly"), signed by the example log key.
const CHECKPOINT = 'pxxl-keys.example/audit/acme\n2\nfkh3aDAZRfSB66+/kF9JPjmOmtAniHL5CNDuTrjKODk=\n';
const LOG_LINE = '\u2014 pxxl-keys.example XuwgSaxzBaSrECYHZsJ6ugNqETUIbjTywVZKbwlEh8Urpj4Nk88xMkevUQD9uosN6JKsGIS13ff6xw4EGpoU57QBoAA=\n';
// Written by github.com/transparency-dev/formats v0.1.1 (note.NewSignerForCosignatureV1 over the key below, note.Sign
// at 1796225805), the witness mode of test/audit/tlog-verifier; the verifier key is its note.VKeyToCosignatureV1.
const GO_WITNESS_SIGNER = 'PRIVATE+KEY+witness.example/w1+d9c9157b+AQsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsLCwsL';
const GO_WITNESS_KEY = 'witness.example/w1+efcd800c+BGa+fjMsekUzMr2dCn99sFX1xe8aBq2mbZizn7aBDEc6';
const GO_COSIGNATURE = '\u2014 witness.example/w1 782ADAAAAABrEDsNixEWv78ep6JbzYNHnsO7TYOAsa0AL6sKXspv7Ho2neYLeYngjDpIeHvxyiU9xRSHIUuS3tJZOu7V6AKkmr6aBw==\n';
const GO_TIMESTAMP = 1796225805;

const cosigned = (line: string) => openNote(`${CHECKPOINT}\n${LOG_LINE}${line}`);
const witness = parseCosignatureVerifierKey(GO_WITNESS_KEY);

describe('witness cosignatures (C2SP tlog-cosignature, Ed25519 cosignature/v1)', () => {
  it('accepts the cosignature Go wrote over the checkpoint, and reads its timestamp', () => {
    const note = cosigned(GO_COSIGNATURE);
    expect(judgeCosignature(note.text, note.signatures[1], [witness])).toEqual({ ok: true, witness: 'witness.example/w1+efcd800c', timestamp: GO_TIMESTAMP, line: GO_COSIGNATURE });
  });

  it('given the key and the time Go used, when cosigning, then the line is byte for byte the one Go wrote', () => {
    expect(cosignatureLine(CHECKPOINT, GO_WITNESS_SIGNER, GO_TIMESTAMP)).toBe(GO_COSIGNATURE);
  });

  it('names a witness by its name and cosignature key hash (type 0x04), not the hash of its plain note key', () => {
    expect(witness).toMatchObject({ name: 'witness.example/w1', id: 'witness.example/w1+efcd800c' });
    expect(GO_WITNESS_SIGNER).toContain('+d9c9157b+');
    expect(cosignatureVerifierKey(GO_WITNESS_SIGNER)).toBe(GO_WITNESS_KEY);
  });

  it('refuses a cosignature by a witness nobody configured, however well signed', () => {
    const stranger = generateSignerKey('witness.example/w1', Buffer.alloc(32, 12));
    const note = cosigned(cosignatureLine(CHECKPOINT, stranger, GO_TIMESTAMP));
    expect(judgeCosignature(note.text, note.signatures[1], [witness])).toMatchObject({ ok: false, reason: 'UNKNOWN_WITNESS' });
  });

  it('refuses a cosignature over another checkpoint, with another time, or cut short', () => {
    const other = openNote(`${CHECKPOINT.replace('\n2\n', '\n3\n')}\n${GO_COSIGNATURE}`);
    expect(judgeCosignature(other.text, other.signatures[0], [witness])).toMatchObject({ ok: false, reason: 'BAD_COSIGNATURE' });
    const bytes = Buffer.from(GO_COSIGNATURE.split(' ')[2], 'base64');
    const retimed = Buffer.from(bytes);
    retimed.writeBigUInt64BE(BigInt(GO_TIMESTAMP + 1), 4);
    for (const forged of [retimed, bytes.subarray(0, 70)]) {
      const note = cosigned(`\u2014 witness.example/w1 ${forged.toString('base64')}\n`);
      expect(judgeCosignature(note.text, note.signatures[1], [witness])).toMatchObject({ ok: false, reason: 'BAD_COSIGNATURE' });
    }
  });

  it('refuses witness keys that are not cosignature/v1 Ed25519 keys', () => {
    expect(() => parseCosignatureVerifierKey('pxxl-keys.example+5eec2049+AepKbGPinFIKvvVQexMuxfmVR3auvr57kkIe6mkURtIs')).toThrow('0x04');
    expect(() => parseCosignatureVerifierKey(GO_WITNESS_KEY.replace('efcd800c', 'efcd800d'))).toThrow('hash');
  });
});
