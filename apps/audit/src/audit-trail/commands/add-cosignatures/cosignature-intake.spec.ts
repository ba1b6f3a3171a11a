import { checkpointText, cosignatureLine, cosignatureVerifierKey, generateSignerKey, parseSignerKey, signNote } from '@pxxl/audit-trail';
import type { CheckpointStore, CosignatureStore, StoredCheckpoint, StoredCosignature } from '../../ports';
import { CosignatureIntake } from './cosignature-intake';

const NOW = new Date('2026-12-02T12:00:00Z');
const T = NOW.getTime() / 1000;
const LOG = parseSignerKey(generateSignerKey('pxxl-keys.test', Buffer.alloc(32, 1)));
const WITNESS = generateSignerKey('witness.test/w1', Buffer.alloc(32, 2));
const WITNESS_KEY = cosignatureVerifierKey(WITNESS);
const STRANGER = generateSignerKey('witness.test/w1', Buffer.alloc(32, 3));

const text = checkpointText({ origin: 'pxxl-keys.test/audit/acme', size: 2, root: Buffer.alloc(32, 9) });
const signed: StoredCheckpoint = { workspaceId: 'acme', size: 2, note: signNote(text, [LOG]), signedAt: NOW };

function intake(witnessKeys = [WITNESS_KEY]) {
  const kept: StoredCosignature[] = [];
  const checkpoints: CheckpointStore = {
    latest: async () => signed,
    at: async (workspaceId, size) => (workspaceId === 'acme' && size === 2 ? signed : null),
    save: async () => undefined,
  };
  const cosignatures: CosignatureStore = {
    add: async (c) => void (kept.some((k) => k.witness === c.witness && k.size === c.size) || kept.push(c)),
    of: async () => kept,
  };
  const settings = { originPrefix: 'pxxl-keys.test/audit', signerKey: generateSignerKey('pxxl-keys.test', Buffer.alloc(32, 1)), intervalMs: 60000, witnessKeys };
  return { kept, service: new CosignatureIntake(checkpoints, cosignatures, settings, { now: () => NOW }) };
}

const refusal = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: { code: string }) => error.code);

describe('CosignatureIntake: a witness cosigns a checkpoint this log signed', () => {
  it('keeps a configured witness\'s cosignature posted as the checkpoint with the witness\'s lines appended', async () => {
    const { service, kept } = intake();
    const line = cosignatureLine(text, WITNESS, T);
    await expect(service.add(signed.note + line)).resolves.toEqual({ origin: 'pxxl-keys.test/audit/acme', size: 2, cosignatures: [{ witness: 'witness.test/w1+0fd0e638', timestamp: T }] });
    expect(kept).toEqual([{ workspaceId: 'acme', size: 2, root: Buffer.alloc(32, 9).toString('base64'), witness: 'witness.test/w1+0fd0e638', line, timestamp: T, receivedAt: NOW }]);
  });

  it('also takes the cosignature without the log\'s own signature line, and keeps one per witness', async () => {
    const { service, kept } = intake();
    await service.add(`${text}\n${cosignatureLine(text, WITNESS, T - 5)}${cosignatureLine(text, WITNESS, T)}`);
    expect(kept.map((k) => k.timestamp)).toEqual([T - 5]);
  });

  it('refuses, keeping nothing: an unknown witness (403), a bad or future cosignature (422), a checkpoint not ours (422), no cosignature or no note (400)', async () => {
    const { service, kept } = intake();
    const good = cosignatureLine(text, WITNESS, T);
    const other = checkpointText({ origin: 'pxxl-keys.test/audit/acme', size: 2, root: Buffer.alloc(32, 8) });
    const cases: Array<[string, string]> = [
      [signed.note + good + cosignatureLine(text, STRANGER, T), 'UNKNOWN_WITNESS'],
      [signed.note + cosignatureLine(other, WITNESS, T), 'BAD_COSIGNATURE'],
      [signed.note + cosignatureLine(text, WITNESS, T + 3600), 'BAD_COSIGNATURE'],
      [signNote(other, [LOG]) + cosignatureLine(other, WITNESS, T), 'CHECKPOINT_NOT_OURS'],
      [signNote(text.replace('/acme', '/globex'), [LOG]), 'CHECKPOINT_NOT_OURS'],
      [signNote(text.replace('pxxl-keys.test/audit/', 'elsewhere/'), [LOG]), 'CHECKPOINT_NOT_OURS'],
      [signed.note, 'NO_COSIGNATURE'],
      [good, 'MALFORMED_COSIGNED_NOTE'],
      ['pxxl-keys.test/audit/acme\ntwo\nAAAA\n\n' + good, 'MALFORMED_COSIGNED_NOTE'],
    ];
    for (const [body, code] of cases) expect([body, await refusal(service.add(body))]).toEqual([body, code]);
    expect(kept).toEqual([]);
  });

  it('trusts no witness when none is configured', async () => {
    await expect(refusal(intake([]).service.add(signed.note + cosignatureLine(text, WITNESS, T)))).resolves.toBe('UNKNOWN_WITNESS');
  });
});
