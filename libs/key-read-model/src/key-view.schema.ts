import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const KEY_VIEWS_COLLECTION = 'key_views';

/**
 * The verification read model: one document per key, `_id = keyId`, built by
 * the projector from the key topic (a creation's view is also inserted by the
 * key service, with the same projection). Verification reads it with a single
 * `_id` lookup (the only filter FerretDB pushes down to storage). `version`
 * is the last event applied: updates are guarded by it, so replays change nothing.
 */
@Schema({ collection: KEY_VIEWS_COLLECTION, versionKey: false, _id: false })
export class KeyView {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  workspaceId!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: String, default: null })
  description!: string | null;

  @Prop({ type: [String], required: true })
  scopes!: string[];

  @Prop({ type: String, required: true, enum: ['active', 'revoked'] })
  status!: 'active' | 'revoked';

  @Prop({ required: true })
  secretHash!: string;

  @Prop({ required: true })
  displayPrefix!: string;

  /** The rotated-out secret, while its grace period lasts. */
  @Prop({ type: String, default: null })
  previousSecretHash!: string | null;

  @Prop({ type: Date, default: null })
  previousSecretValidUntil!: Date | null;

  @Prop({ type: Date, required: true })
  createdAt!: Date;

  @Prop({ required: true })
  createdBy!: string;

  @Prop({ type: Date, default: null })
  expiresAt!: Date | null;

  @Prop({ type: Date, default: null })
  rotatedAt!: Date | null;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;

  @Prop({ type: String, default: null })
  revokedReason!: string | null;

  /** Null as projected: usage lives in `key_usage`, and readers fill it in with `withUsage`. */
  @Prop({ type: Date, default: null })
  lastUsedAt!: Date | null;

  @Prop({ required: true })
  version!: number;
}

export const KeyViewSchema = SchemaFactory.createForClass(KeyView);
KeyViewSchema.index({ workspaceId: 1, createdAt: -1 });
