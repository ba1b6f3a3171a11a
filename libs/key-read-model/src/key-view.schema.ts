import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { RateLimit, UsageQuota } from '@pxxl/contracts';
import { Schema as MongooseSchema } from 'mongoose';

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

  /** The key's limits (KeyLimitsChanged): checked by the verification pipeline after every other rule. */
  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  rateLimit!: RateLimit | null;

  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  usage!: UsageQuota | null;

  @Prop({ type: [String], default: null })
  allowedIps!: string[] | null;

  /** The usage quota's ledger keys: what libs/verification's credit leases count against. null without a quota. */
  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  credits!: KeyCredits | null;

  /** Thresholds (days) of the KeyExpiring notices about the current expiry; null before the first. The expiry scheduler skips what they cover. */
  @Prop({ type: [Number], default: null })
  expiryNotices!: number[] | null;

  /** When the KeyExpired notice was decided; null before. */
  @Prop({ type: Date, default: null })
  expiredAt!: Date | null;
  /** `team:…`, `user:…` or `service:…` (KeyOwnerChanged), or null. Absent on views written before owners: read as null. */
  @Prop({ type: String, default: null, index: true })
  owner!: string | null;

  /** Set when the owner changed hands, cleared by a rotation. */
  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  rotationDue!: { reason: 'OWNER_CHANGED'; since: Date } | null;

  @Prop({ required: true })
  version!: number;
}

/**
 * Where a quota's credits come from. `epoch` is the version of the event that
 * set the quota (changing it starts counting afresh), `firstPeriod` the period
 * it was set in (which starts with `usage.limit`; later ones with the refill
 * amount), and `topUps` the credits added (KeyCreditsAdded), each a range of
 * credit numbers `[start, start + amount)` after the period's own grant.
 * Only the latest period's top-ups are kept.
 */
export interface KeyCredits {
  epoch: number;
  firstPeriod: string;
  topUps: Array<{ period: string; start: number; amount: number }>;
}

export const KeyViewSchema = SchemaFactory.createForClass(KeyView);
KeyViewSchema.index({ workspaceId: 1, createdAt: -1 });
// The expiry scheduler's range scan: a workspace's keys expiring before a horizon.
KeyViewSchema.index({ workspaceId: 1, expiresAt: 1 });
