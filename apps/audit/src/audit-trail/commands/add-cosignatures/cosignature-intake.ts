import { Inject, Injectable } from '@nestjs/common';
import { judgeCosignature, NoteFormatError, openNote, parseCheckpointText, parseCosignatureVerifierKey, type CosignatureVerifier, type OpenedNote } from '@pxxl/audit-trail';
import { CLOCK, type Clock } from '@pxxl/contracts';
import { TransparencyErrors } from '../../domain/transparency-errors';
import { CHECKPOINT_SETTINGS, CHECKPOINT_STORE, COSIGNATURE_STORE, type CheckpointSettings, type CheckpointStore, type CosignatureStore } from '../../ports';

/** A witness's clock may run ahead of ours a little; a cosignature timestamped further ahead is refused (C2SP lets verifiers do so). */
const CLOCK_SKEW_SECONDS = 600;

export interface AcceptedCosignatures {
  origin: string;
  size: number;
  /** Every cosignature the note carried, each now served with the checkpoint. */
  cosignatures: Array<{ witness: string; timestamp: number }>;
}

function open(body: string): { note: OpenedNote; origin: string; size: number; root: string } {
  try {
    const note = openNote(body);
    const { origin, size, root } = parseCheckpointText(note.text);
    return { note, origin, size, root: root.toString('base64') };
  } catch (error) {
    if (error instanceof NoteFormatError) throw TransparencyErrors.malformedCosignedNote(error.message);
    throw error;
  }
}

/**
 * Takes witnesses' cosignatures (C2SP tlog-cosignature) of checkpoints this
 * log signed: the note a witness's add-checkpoint answer makes when appended
 * to the checkpoint it was sent. Every signature line but the log's own must
 * be a valid cosignature/v1 by a configured witness, or nothing is kept. The
 * witness's signature is the authentication: no one else can make one.
 */
@Injectable()
export class CosignatureIntake {
  private readonly witnesses: CosignatureVerifier[];

  constructor(
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(COSIGNATURE_STORE) private readonly cosignatures: CosignatureStore,
    @Inject(CHECKPOINT_SETTINGS) private readonly settings: CheckpointSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.witnesses = settings.witnessKeys.map(parseCosignatureVerifierKey);
  }

  async add(body: string): Promise<AcceptedCosignatures> {
    if (this.settings.signerKey === null) throw TransparencyErrors.notConfigured();
    const { note, origin, size, root } = open(body);
    const prefix = `${this.settings.originPrefix}/`;
    const workspaceId = origin.startsWith(prefix) ? origin.slice(prefix.length) : '';
    const ours = workspaceId === '' ? null : await this.checkpoints.at(workspaceId, size);
    const signed = ours ? openNote(ours.note) : null;
    if (!ours || !signed || signed.text !== note.text) throw TransparencyErrors.checkpointNotOurs(origin, size);
    const logLines = new Set(signed.signatures.map((s) => s.line));
    const lines = note.signatures.filter((s) => !logLines.has(s.line));
    if (lines.length === 0) throw TransparencyErrors.noCosignature();
    const latest = this.clock.now().getTime() / 1000 + CLOCK_SKEW_SECONDS;
    const accepted = new Map<string, { line: string; timestamp: number }>();
    for (const line of lines) {
      const verdict = judgeCosignature(note.text, line, this.witnesses);
      if (!verdict.ok) throw verdict.reason === 'UNKNOWN_WITNESS' ? TransparencyErrors.unknownWitness(verdict.witness) : TransparencyErrors.badCosignature(verdict.witness, verdict.message);
      if (verdict.timestamp > latest) throw TransparencyErrors.badCosignature(verdict.witness, `the cosignature by ${verdict.witness} is timestamped ${verdict.timestamp}, in the future`);
      if (!accepted.has(verdict.witness)) accepted.set(verdict.witness, verdict);
    }
    const receivedAt = this.clock.now();
    for (const [witness, { line, timestamp }] of accepted) await this.cosignatures.add({ workspaceId, size, root, witness, line, timestamp, receivedAt });
    return { origin, size, cosignatures: [...accepted].map(([witness, { timestamp }]) => ({ witness, timestamp })) };
  }
}
