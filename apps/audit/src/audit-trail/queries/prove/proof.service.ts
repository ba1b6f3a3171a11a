import { Inject, Injectable } from '@nestjs/common';
import { leafHash, openNote, parseCheckpointText, type ConsistencyProofAnswer, type InclusionProofAnswer } from '@pxxl/audit-trail';
import { TransparencyErrors } from '../../domain/transparency-errors';
import { AUDIT_ENTRY_STORE, CHECKPOINT_STORE, type AuditEntryStore, type CheckpointStore } from '../../ports';
import { ChainReader } from '../shared/chain-reader';
import { MerkleTree, TreeNotReadyError } from '../shared/merkle-tree';

export type InclusionProof = InclusionProofAnswer;
export type ConsistencyProof = ConsistencyProofAnswer;

const b64 = (hashes: Buffer[]) => hashes.map((h) => h.toString('base64'));

/**
 * Inclusion and consistency proofs (RFC 9162) for tree sizes up to the
 * latest signed checkpoint: a proof is only worth something against a root
 * someone signed.
 */
@Injectable()
export class ProofService {
  constructor(
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(AUDIT_ENTRY_STORE) private readonly entries: AuditEntryStore,
    private readonly tree: MerkleTree,
    private readonly chain: ChainReader,
  ) {}

  async inclusion(workspaceId: string, target: { seq?: number; eventId?: string }, treeSize?: number): Promise<InclusionProof> {
    const signed = await this.signedSize(workspaceId);
    const size = treeSize ?? signed;
    if (size > signed) throw TransparencyErrors.treeSizeBeyondCheckpoint(size, signed);
    const seq = target.eventId === undefined ? target.seq! : await this.seqOf(workspaceId, target.eventId);
    if (seq > size) throw TransparencyErrors.leafOutsideTree(seq, size);
    const entry = await this.line(workspaceId, seq);
    if (entry === undefined) throw TransparencyErrors.treeNotReady();
    const proof = await this.orNotReady(this.tree.inclusion(workspaceId, seq - 1, size));
    return { seq, eventId: JSON.parse(entry).eventId, leafIndex: seq - 1, treeSize: size, entry, leafHash: leafHash(entry).toString('base64'), proof: b64(proof) };
  }

  async consistency(workspaceId: string, from: number, to?: number): Promise<ConsistencyProof> {
    const signed = await this.signedSize(workspaceId);
    const size = to ?? signed;
    if (size > signed) throw TransparencyErrors.treeSizeBeyondCheckpoint(size, signed);
    if (from > size) throw TransparencyErrors.invalidProofRequest(`from (${from}) must not be past to (${size})`);
    return { from, to: size, proof: b64(await this.orNotReady(this.tree.consistency(workspaceId, from, size))) };
  }

  /** Where an event sits in this workspace's chain; another workspace's event id answers like an unknown one. */
  private async seqOf(workspaceId: string, eventId: string): Promise<number> {
    const position = await this.entries.positionOf(eventId);
    const line = position ? await this.line(workspaceId, position.seq) : undefined;
    if (!position || line === undefined || JSON.parse(line).eventId !== eventId) throw TransparencyErrors.entryNotFound(eventId);
    return position.seq;
  }

  private line(workspaceId: string, seq: number): Promise<string | undefined> {
    return this.chain.record(workspaceId, seq);
  }

  private async signedSize(workspaceId: string): Promise<number> {
    const latest = await this.checkpoints.latest(workspaceId);
    return latest ? parseCheckpointText(openNote(latest.note).text).size : 0;
  }

  private async orNotReady<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      if (error instanceof TreeNotReadyError) throw TransparencyErrors.treeNotReady();
      throw error;
    }
  }
}
