import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { GENESIS_HASH, parseRecordLine, recordLine, sealRecord } from '@pxxl/audit-trail';
import { CLOCK, describeEvent, type Clock, type KeyEvent } from '@pxxl/contracts';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Model } from 'mongoose';
import { toAuditEntry, toAuditRecord } from './audit-entry';
import { AuditEntryDoc, AuditKeyName } from './audit-entry.schema';
import { ChainStore, type ChainHead } from './chain/chain-store';

export type RecordOutcome = 'recorded' | 'duplicate';

/** After this many lost races in a row the writer pauses briefly, so competing writers spread out. */
const CONTENDED_AFTER = 3;

/**
 * Records one event as one entry at the end of its workspace's chain. No
 * transactions (FerretDB has none), any number of writers (consumers of
 * other partitions, a rebalance's old and new owner), at-least-once delivery:
 *
 * 1. Finish whatever another writer left pending on the workspace head.
 *    Seen already (`audit_entries` has its eventId)? Then it is a duplicate.
 * 2. Claim the next position: compare-and-set the workspace head from seq N
 *    (with nothing pending) to N+1, carrying the sealed record as `pending`.
 *    Only one writer can win N+1; the others start again at 1.
 * 3. Write the entry (`_id = eventId`): if this event is already at another
 *    position (a writer that raced us between 1 and 2), undo the claim.
 * 4. Write the record into its chain segment, then clear `pending`.
 *
 * A writer that dies between 2 and 4 leaves `pending` on the head; the next
 * writer of that workspace (or the redelivery of the same event) finishes
 * it before claiming anything, so the chain never forks and never skips.
 */
@Injectable()
export class AuditTrailWriter {
  private readonly logger = new Logger(AuditTrailWriter.name);

  constructor(
    @InjectModel(AuditEntryDoc.name) private readonly entries: Model<AuditEntryDoc>,
    @InjectModel(AuditKeyName.name) private readonly names: Model<AuditKeyName>,
    private readonly chain: ChainStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(event: KeyEvent, source: { partition: number; offset: string }): Promise<RecordOutcome> {
    for (let attempt = 1; ; attempt++) {
      const head = await this.chain.head(event.workspaceId);
      if (head?.pending) {
        await this.finish(head);
        continue;
      }
      if (await this.isRecorded(event.eventId)) return 'duplicate';
      const known = await this.names.findById(event.keyId).lean<AuditKeyName>().exec();
      const record = sealRecord(toAuditRecord(event, { nameBefore: known?.name ?? null, recordedAt: this.clock.now(), ...source }), {
        seq: (head?.seq ?? 0) + 1,
        prevHash: head?.hash ?? GENESIS_HASH,
      });
      const claimed = await this.chain.claim(head, record, recordLine(record), this.clock.now());
      if (claimed && (await this.finish(claimed)) === 'written') return 'recorded';
      if (attempt >= CONTENDED_AFTER) await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * Math.min(attempt, 10)));
      if (attempt % 50 === 0) this.logger.warn({ msg: `still contending for the chain head after ${attempt} attempts: ${describeEvent(event)}` });
    }
  }

  /** Writes a claimed record everywhere and clears the claim; or undoes it when its event is already in the chain. */
  async finish(head: ChainHead): Promise<'written' | 'undone'> {
    const line = head.pending!.line;
    const record = parseRecordLine(line);
    try {
      await this.entries.collection.insertOne(toAuditEntry(record) as never);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.entries.findById(record.eventId, { seq: 1 }).lean<{ seq: number }>().exec();
      if (existing?.seq !== record.seq) {
        await this.chain.rollback(head, this.clock.now());
        return 'undone';
      }
    }
    await this.chain.append(record, line);
    if (record.type === 'KeyCreated' || record.type === 'KeyUpdated') {
      await this.names.collection.updateOne({ _id: record.keyId as never }, { $set: { name: record.keyName } }, { upsert: true });
    }
    await this.chain.release(head);
    return 'written';
  }

  private async isRecorded(eventId: string): Promise<boolean> {
    return (await this.entries.findById(eventId, { _id: 1 }).lean().exec()) !== null;
  }
}
