import { Inject, Injectable } from '@nestjs/common';
import { checkpointText, openNote, parseCheckpointText, parseCosignatureVerifierKey, parseSignerKey, signNote, type NoteSigner } from '@pxxl/audit-trail';
import { CLOCK, type Clock } from '@pxxl/contracts';
import { TransparencyErrors } from '../../domain/transparency-errors';
import {
  CHAIN_STORE,
  CHECKPOINT_SETTINGS,
  CHECKPOINT_STORE,
  COSIGNATURE_STORE,
  type ChainStore,
  type CheckpointSettings,
  type CheckpointStore,
  type CosignatureStore,
  type StoredCheckpoint,
} from '../../ports';
import { MerkleTree } from '../../queries/shared/merkle-tree';

/**
 * Signs a checkpoint (C2SP tlog-checkpoint in a signed note) of a workspace's
 * tree at its chain head: origin `<AUDIT_LOG_ORIGIN>/<workspaceId>`, size,
 * root. What the periodic publication, the checkpoint route and the export
 * bundle call, and what a review sign-off calls to pin its evidence.
 */
@Injectable()
export class CheckpointTaker {
  private readonly signer: NoteSigner | null;
  /** `<name>+<hash>` of each configured witness, in the order their cosignatures are served. */
  private readonly witnesses: string[];

  constructor(
    @Inject(CHAIN_STORE) private readonly chain: ChainStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(COSIGNATURE_STORE) private readonly cosignatures: CosignatureStore,
    @Inject(CHECKPOINT_SETTINGS) private readonly settings: CheckpointSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly tree: MerkleTree,
  ) {
    this.signer = settings.signerKey === null ? null : parseSignerKey(settings.signerKey);
    this.witnesses = settings.witnessKeys.map((key) => parseCosignatureVerifierKey(key).id);
  }

  get verifierKey(): string | null {
    return this.signer?.verifierKey ?? null;
  }

  origin(workspaceId: string): string {
    return `${this.settings.originPrefix}/${workspaceId}`;
  }

  /** The latest checkpoint, signed now if the tree grew past it (or none exists). */
  async take(workspaceId: string): Promise<StoredCheckpoint> {
    const signer = this.signer;
    if (!signer) throw TransparencyErrors.notConfigured();
    const size = (await this.chain.headRef(workspaceId))?.seq ?? 0;
    const latest = await this.checkpoints.latest(workspaceId);
    if (latest && latest.size >= size) return latest;
    const root = await this.tree.root(workspaceId, size);
    const checkpoint: StoredCheckpoint = {
      workspaceId,
      size,
      note: signNote(checkpointText({ origin: this.origin(workspaceId), size, root }), [signer]),
      signedAt: this.clock.now(),
    };
    await this.checkpoints.save(checkpoint);
    return checkpoint;
  }

  /** The latest checkpoint as served: the signed note with the cosignature lines of the configured witnesses that cosigned it appended. */
  async takeCosigned(workspaceId: string): Promise<StoredCheckpoint> {
    const checkpoint = await this.take(workspaceId);
    if (this.witnesses.length === 0) return checkpoint;
    const { root } = parseCheckpointText(openNote(checkpoint.note).text);
    const cosignatures = await this.cosignatures.of(workspaceId, checkpoint.size, root.toString('base64'), this.witnesses);
    return { ...checkpoint, note: checkpoint.note + cosignatures.map((c) => c.line).join('') };
  }

  /** The latest signed checkpoint without signing a new one. */
  latest(workspaceId: string): Promise<StoredCheckpoint | null> {
    if (!this.signer) throw TransparencyErrors.notConfigured();
    return this.checkpoints.latest(workspaceId);
  }
}
