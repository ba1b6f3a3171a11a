import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { TopicEvent } from '@pxxl/contracts';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Model } from 'mongoose';
import { toAuditEntry } from './audit-entry';
import { AuditEntryDoc, AuditKeyName } from './audit-entry.schema';

@Injectable()
export class AuditTrailWriter {
  constructor(
    @InjectModel(AuditEntryDoc.name) private readonly entries: Model<AuditEntryDoc>,
    @InjectModel(AuditKeyName.name) private readonly names: Model<AuditKeyName>,
  ) {}

  /** Records one event; a redelivered event (same eventId) is recognised and changes nothing. */
  async record(event: TopicEvent, source: { partition: number; offset: string }): Promise<'recorded' | 'duplicate'> {
    const keyId = event.type === 'WorkspacePolicyChanged' ? null : event.keyId;
    const known = keyId === null ? null : await this.names.findById(keyId).lean<AuditKeyName>().exec();
    const entry = toAuditEntry(event, { nameBefore: known?.name ?? null, recordedAt: new Date(), ...source });
    try {
      await this.entries.collection.insertOne(entry as never);
    } catch (error) {
      if (isDuplicateKeyError(error)) return 'duplicate';
      throw error;
    }
    if (keyId !== null && entry.keyName !== null && entry.keyName !== known?.name) {
      await this.names.collection.updateOne({ _id: keyId as never }, { $set: { name: entry.keyName } }, { upsert: true });
    }
    return 'recorded';
  }
}
