import { Inject, Injectable } from '@nestjs/common';
import { walkLinks, type LinkJudgement } from '../../domain/link-walk';
import { AUDIT_ENTRY_STORE, CHAIN_STORE, type AuditEntryStore, type ChainLink, type ChainStore } from '../../ports';

/**
 * Reads a workspace's chain as it stands, without changing anything: the
 * sealed segments, then the committed links after them. A link whose writer
 * is still at work ends the read (it is not part of the chain yet); a
 * position with no link at all, followed by more links, is read past, so
 * that a deleted position shows as the gap it is.
 */
@Injectable()
export class ChainReader {
  constructor(
    @Inject(CHAIN_STORE) private readonly chain: ChainStore,
    @Inject(AUDIT_ENTRY_STORE) private readonly entries: AuditEntryStore,
  ) {}

  /** The stored records of `fromSeq`..`toSeq` in chain order; memory stays flat however long the chain. */
  async *records(workspaceId: string, range: { fromSeq?: number; toSeq?: number } = {}): AsyncGenerator<{ seq: number; line: string }> {
    const fromSeq = Math.max(1, range.fromSeq ?? 1);
    const toSeq = range.toSeq ?? Number.MAX_SAFE_INTEGER;
    const sealed = await this.chain.sealedEnd(workspaceId);
    yield* this.chain.sealedLines(workspaceId, fromSeq, Math.min(toSeq, sealed.seq));
    if (toSeq <= sealed.seq) return;
    const links = await this.chain.linksAfter(workspaceId, sealed.seq, toSeq);
    let after = sealed.seq;
    for (;;) {
      const walk = await walkLinks(links, after, (link) => this.judgeByEntry(link));
      for (const link of walk.chain) if (link.seq >= fromSeq) yield { seq: link.seq, line: link.line };
      if (walk.stoppedAt === 'undecided') return;
      // Links past a free position exist only if positions were deleted: read on, so the gap shows.
      const beyond = links.find((link) => link.seq > walk.nextSeq);
      if (!beyond) return;
      after = beyond.seq - 1;
    }
  }

  /** One record, by `_id` where it is sealed (what a proof needs at any depth of a long chain). */
  async record(workspaceId: string, seq: number): Promise<string | undefined> {
    if (seq <= (await this.chain.sealedEnd(workspaceId)).seq) {
      const line = await this.chain.sealedLine(workspaceId, seq);
      if (line !== null) return line;
    }
    for await (const record of this.records(workspaceId, { fromSeq: seq, toSeq: seq })) return record.line;
    return undefined;
  }

  /** A link not judged yet: committed if its entry is there and matches, a phantom if its event is elsewhere. */
  private async judgeByEntry(link: ChainLink): Promise<LinkJudgement> {
    const entry = await this.entries.positionOf(link.eventId);
    if (!entry) return 'undecided';
    return entry.seq === link.seq && entry.hash === link.hash ? 'committed' : 'phantom';
  }
}
