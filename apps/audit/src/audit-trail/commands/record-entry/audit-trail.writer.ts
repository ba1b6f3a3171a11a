import { Inject, Injectable, Logger } from '@nestjs/common';
import { parseRecordLine, recordLine, sealRecord } from '@pxxl/audit-trail';
import { CLOCK, describeEvent, subjectKeyOf, type Clock, type TopicEvent } from '@pxxl/contracts';
import { SEGMENT_CAPACITY } from '../../domain/chain-segments';
import { walkLinks } from '../../domain/link-walk';
import { AUDIT_ENTRY_STORE, CHAIN_STORE, TREE_STORE, type AuditEntryStore, type ChainLink, type ChainPoint, type ChainStore, type TreeStore } from '../../ports';
import { MerkleTree } from '../../queries/shared/merkle-tree';
import { toAuditRecord } from './event-record';
import { addLeaf } from './tree-leaf';

export type RecordOutcome = 'recorded' | 'duplicate';

/** After this many lost races in a row the writer pauses briefly, so competing writers spread out. */
const CONTENDED_AFTER = 3;
/** How many workspaces' chain ends a writer keeps in memory. */
const KNOWN_ENDS_LIMIT = 10_000;
const NONE: ReadonlySet<string> = new Set();

interface ChainEnd {
  point: ChainPoint;
  /** Set when reading the end sealed a segment: the head records it. */
  sealed: ChainPoint | null;
  nextAttempt: number;
  /** Events in the unsealed links (from a full read; empty when remembered). */
  committed: ReadonlySet<string>;
  /** How many committed links follow the last sealed segment. */
  unsealed: number;
}

/**
 * Records one event as one entry at the end of its workspace's chain, with
 * any number of writers (consumers of other partitions, a rebalance's old
 * and new owner), at-least-once delivery and no transactions. Only inserts
 * that collide on `_id` decide anything:
 *
 * 1. Already recorded (`audit_entries` has its eventId)? A duplicate.
 * 2. Find the end of the chain: the sealed segments, then the claimed links
 *    after them, each position's first committed attempt. A link whose writer
 *    has not finished is finished here on its behalf (step 4), so a writer
 *    that died after claiming never blocks the chain.
 * 3. Claim the next position: insert the link `<ws>:<seq>:<attempt>` carrying
 *    the sealed record (seq, prevHash of the end, hash). Only one writer can.
 * 4. Commit: insert the entry (`_id = eventId`). If the event is already in
 *    the chain at another position (two writers raced between 1 and 3), this
 *    link is a phantom: the position is claimed again with the next attempt,
 *    so the chain never holds an event twice and never forks.
 * 5. Add the committed record to the workspace's Merkle tree (its leaf and
 *    the subtrees it completes), every 100 positions seal them into a
 *    segment, and move the head forward.
 *
 * Step 2 reads every unsealed link; a writer that just appended knows the
 * end already and skips it until another writer gets in the way (a claim
 * that collides) or a segment is full.
 */
@Injectable()
export class AuditTrailWriter {
  private readonly logger = new Logger(AuditTrailWriter.name);
  private readonly knownEnds = new Map<string, ChainEnd>();

  constructor(
    @Inject(AUDIT_ENTRY_STORE) private readonly entries: AuditEntryStore,
    @Inject(CHAIN_STORE) private readonly chain: ChainStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(TREE_STORE) private readonly treeStore: TreeStore,
    private readonly tree: MerkleTree,
  ) {}

  async record(event: TopicEvent, source: { partition: number; offset: string }): Promise<RecordOutcome> {
    const workspaceId = event.workspaceId;
    try {
      for (let attempt = 1; ; attempt++) {
        if (await this.entries.isRecorded(event.eventId)) return 'duplicate';
        const end = this.knownEnds.get(workspaceId) ?? (await this.end(workspaceId));
        if (end.committed.has(event.eventId)) return 'duplicate';
        const keyId = subjectKeyOf(event);
        const nameBefore = keyId === null ? null : await this.entries.nameOf(keyId);
        const record = sealRecord(toAuditRecord(event, { nameBefore, recordedAt: this.clock.now(), ...source }), {
          seq: end.point.seq + 1,
          prevHash: end.point.hash,
        });
        const link = await this.chain.claim(record, recordLine(record), end.nextAttempt);
        if (link) {
          if ((await this.commit(link)) === 'phantom') {
            this.knownEnds.delete(workspaceId);
            return 'duplicate';
          }
          const point = { seq: record.seq, hash: record.hash, eventId: record.eventId };
          await this.chain.advanceHead(workspaceId, point, end.sealed, this.clock.now());
          this.remember(workspaceId, point, end.unsealed + 1);
          return 'recorded';
        }
        // Another writer holds that position: the end we knew is stale, read it again.
        this.knownEnds.delete(workspaceId);
        if (attempt >= CONTENDED_AFTER) await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt, 10)));
        if (attempt % 50 === 0) this.logger.warn({ msg: `still contending for the end of the chain after ${attempt} attempts: ${describeEvent(event)}` });
      }
    } catch (error) {
      this.knownEnds.delete(workspaceId);
      throw error;
    }
  }

  /**
   * Remembers where this writer left a workspace's chain, so the next record
   * claims the following position without reading the links again. It is
   * only a guess: a claim that collides (another writer moved the chain)
   * forgets it and reads the end afresh, and a full segment forgets it so
   * the next record seals through the full read.
   */
  private remember(workspaceId: string, point: ChainPoint, unsealed: number): void {
    if (unsealed >= SEGMENT_CAPACITY) {
      this.knownEnds.delete(workspaceId);
      return;
    }
    this.knownEnds.delete(workspaceId); // re-insert: the Map's order is least recently used first
    this.knownEnds.set(workspaceId, { point, sealed: null, nextAttempt: 0, committed: NONE, unsealed });
    if (this.knownEnds.size > KNOWN_ENDS_LIMIT) this.knownEnds.delete(this.knownEnds.keys().next().value!);
  }

  /**
   * Commits a claimed link: its entry is written, or the link is a phantom
   * because its event is already at another position. Whoever commits a
   * link (its writer or a helper) gets the same answer.
   */
  async commit(link: ChainLink): Promise<'committed' | 'phantom'> {
    const record = parseRecordLine(link.line);
    let state: 'committed' | 'phantom' = 'committed';
    if (!(await this.entries.insert(record))) {
      const existing = await this.entries.positionOf(record.eventId);
      if (existing?.seq !== link.seq || existing.hash !== link.hash) state = 'phantom';
    }
    await this.chain.judge(link, state);
    if (state === 'committed') await addLeaf(this.tree, this.treeStore, link.workspaceId, link.seq, link.line);
    if (state === 'committed' && (record.type === 'KeyCreated' || record.type === 'KeyUpdated') && record.keyId && record.keyName) {
      await this.entries.rememberName(record.keyId, record.keyName);
    }
    return state;
  }

  /** The end of a workspace's chain, committing unfinished links and sealing full segments on the way. */
  private async end(workspaceId: string): Promise<ChainEnd> {
    let sealed = await this.chain.sealedEnd(workspaceId);
    const links = await this.chain.linksAfter(workspaceId, sealed.seq);
    const walk = await walkLinks(links, sealed.seq, (link) => this.commit(link));
    for (let full = SEGMENT_CAPACITY; full <= walk.chain.length; full += SEGMENT_CAPACITY) {
      const segment = walk.chain.slice(full - SEGMENT_CAPACITY, full);
      await this.chain.seal(workspaceId, (sealed.seq + full) / SEGMENT_CAPACITY - 1, segment.map((link) => link.line));
    }
    const lastSealed = walk.chain[Math.floor(walk.chain.length / SEGMENT_CAPACITY) * SEGMENT_CAPACITY - 1];
    if (lastSealed) sealed = { seq: lastSealed.seq, hash: lastSealed.hash, eventId: lastSealed.eventId };
    const last = walk.chain[walk.chain.length - 1];
    return {
      point: last ? { seq: last.seq, hash: last.hash, eventId: last.eventId } : sealed,
      sealed: lastSealed ? sealed : null,
      nextAttempt: walk.nextAttempt,
      committed: new Set(walk.chain.map((link) => link.eventId)),
      unsealed: walk.chain.length % SEGMENT_CAPACITY,
    };
  }
}
