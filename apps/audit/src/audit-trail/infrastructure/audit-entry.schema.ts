import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { AUDIT_COLLECTIONS } from '@pxxl/audit-trail';
import { Schema as MongooseSchema } from 'mongoose';

/**
 * `audit_entries`: one document per event (`_id = eventId`), the query model
 * of the trail. Each is a copy of its record in the chain (`seq`, `prevHash`,
 * `hash` included); the integrity check proves the two agree.
 */
@Schema({ collection: AUDIT_COLLECTIONS.entries, versionKey: false, _id: false, minimize: false })
export class AuditEntryDoc {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) eventId!: string;
  @Prop({ required: true }) type!: string;
  @Prop({ required: true }) schemaVersion!: number;
  @Prop({ type: String, default: null }) keyId!: string | null;
  @Prop({ required: true }) workspaceId!: string;
  @Prop({ required: true }) version!: number;
  @Prop({ type: String, default: null }) keyName!: string | null;
  @Prop({ required: true }) actor!: string;
  @Prop({ type: Date, required: true }) occurredAt!: Date;
  @Prop({ type: Date, required: true }) recordedAt!: Date;
  @Prop({ required: true }) summary!: string;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) details!: Record<string, unknown>;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) source!: { partition: number; offset: string };
  @Prop({ required: true }) seq!: number;
  @Prop({ required: true }) prevHash!: string;
  @Prop({ required: true }) hash!: string;
}

export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntryDoc);
// For MongoDB in production (FerretDB v1 scans regardless): listing, timeline, integrity.
AuditEntrySchema.index({ workspaceId: 1, occurredAt: -1, seq: -1 });
AuditEntrySchema.index({ keyId: 1, version: 1 });
AuditEntrySchema.index({ workspaceId: 1, seq: 1 });

/** The latest known name of each key, so entries of later events name the key as it was then. */
@Schema({ collection: AUDIT_COLLECTIONS.keyNames, versionKey: false, _id: false })
export class AuditKeyName {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) name!: string;
}

export const AuditKeyNameSchema = SchemaFactory.createForClass(AuditKeyName);

/**
 * `audit_chain_heads`: per workspace (`_id = workspaceId`) the newest written
 * position and how far the chain is sealed into segments. Moved forward
 * after the fact; the chain itself is in the links and segments.
 */
@Schema({ collection: AUDIT_COLLECTIONS.heads, versionKey: false, _id: false })
export class ChainHeadDoc {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) seq!: number;
  @Prop({ required: true }) hash!: string;
  @Prop({ type: String, default: null }) eventId!: string | null;
  @Prop({ required: true }) sealedThrough!: number;
  @Prop({ required: true }) sealedHash!: string;
  @Prop({ type: String, default: null }) sealedEventId!: string | null;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
}

export const ChainHeadSchema = SchemaFactory.createForClass(ChainHeadDoc);

/**
 * `audit_chain_links`: one document per claimed position,
 * `_id = <workspaceId>:<seq, 12 digits>:<attempt>`. Inserting it is the
 * claim: only one writer can insert a given `_id`. A position whose event
 * turns out to be recorded elsewhere already is a phantom, and the position
 * is claimed again with the next attempt (see AuditTrailWriter).
 */
@Schema({ collection: AUDIT_COLLECTIONS.links, versionKey: false, _id: false })
export class ChainLinkDoc {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) workspaceId!: string;
  @Prop({ required: true }) seq!: number;
  @Prop({ required: true }) attempt!: number;
  @Prop({ required: true }) eventId!: string;
  @Prop({ required: true }) hash!: string;
  /** The sealed record, its canonical JSON line. */
  @Prop({ required: true }) line!: string;
  /** Set once judged; a judgement never changes. Absent: the writer has not finished yet. */
  @Prop({ type: String, enum: ['committed', 'phantom'] }) state?: 'committed' | 'phantom';
}

export const ChainLinkSchema = SchemaFactory.createForClass(ChainLinkDoc);
ChainLinkSchema.index({ workspaceId: 1, seq: 1, attempt: 1 });

/**
 * `audit_chain_segments`: sealed copies of the chain, 100 records per
 * document (`_id = <workspaceId>:<segment, 10 digits>`), each record its
 * canonical JSON line, written once when all 100 positions are committed.
 * Export and verification read one document per 100 entries.
 */
@Schema({ collection: AUDIT_COLLECTIONS.segments, versionKey: false, _id: false })
export class ChainSegmentDoc {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) workspaceId!: string;
  @Prop({ required: true }) segment!: number;
  @Prop({ required: true }) firstSeq!: number;
  @Prop({ type: [String], required: true }) records!: string[];
}

export const ChainSegmentSchema = SchemaFactory.createForClass(ChainSegmentDoc);
ChainSegmentSchema.index({ workspaceId: 1, firstSeq: 1 });
