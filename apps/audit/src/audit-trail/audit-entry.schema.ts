import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

export const AUDIT_ENTRIES_COLLECTION = 'audit_entries';
export const AUDIT_KEY_NAMES_COLLECTION = 'audit_key_names';

@Schema({ collection: AUDIT_ENTRIES_COLLECTION, versionKey: false, _id: false, minimize: false })
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
}

export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntryDoc);
AuditEntrySchema.index({ workspaceId: 1, occurredAt: 1 });
AuditEntrySchema.index({ keyId: 1, version: 1 });

/** The latest known name of each key, so entries of later events name the key as it was then. */
@Schema({ collection: AUDIT_KEY_NAMES_COLLECTION, versionKey: false, _id: false })
export class AuditKeyName {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) name!: string;
}

export const AuditKeyNameSchema = SchemaFactory.createForClass(AuditKeyName);
