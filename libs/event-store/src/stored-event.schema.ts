import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { StreamEvent } from '@pxxl/contracts';
import { Schema as MongooseSchema } from 'mongoose';

export const KEY_EVENTS_COLLECTION = 'key_events';

/**
 * The stored event format, owned here alone: one document per event,
 * `_id = <streamId>:<version>` (the stream is a keyId,
 * `policy:<workspaceId>` for a workspace policy, or `review:<reviewId>`): two writers deciding on the
 * same version collide on the primary key, on MongoDB and FerretDB alike,
 * without transactions. `publishedAt` null marks the outbox: stored, not yet
 * on the topic.
 */
@Schema({ collection: KEY_EVENTS_COLLECTION, versionKey: false, _id: false, minimize: false })
export class StoredEvent {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  eventId!: string;

  @Prop({ required: true })
  type!: string;

  @Prop({ required: true })
  schemaVersion!: number;

  /** Absent on workspace and review events. */
  @Prop({ type: String })
  keyId?: string;

  /** On review events only (stream `review:<reviewId>`). */
  @Prop({ type: String })
  reviewId?: string;

  @Prop({ required: true })
  workspaceId!: string;

  @Prop({ required: true })
  version!: number;

  @Prop({ required: true })
  occurredAt!: string;

  @Prop({ required: true })
  actor!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  data!: Record<string, unknown>;

  @Prop({ type: Date, required: true })
  storedAt!: Date;

  @Prop({ type: Date, default: null, index: true })
  publishedAt!: Date | null;

  /**
   * The W3C trace context of the request that caused the event, when it was
   * traced: the outbox relay sends it on as the Kafka header `traceparent`.
   * Optional (absent on events stored untraced, and on every older one), and
   * never part of the event as published.
   */
  @Prop({ type: String })
  traceparent?: string;
}

export const StoredEventSchema = SchemaFactory.createForClass(StoredEvent);

export function storedEventId(streamId: string, version: number): string {
  return `${streamId}:${version}`;
}

/** The event as published: the stored document without the store's own fields. */
export function toStreamEvent(doc: StoredEvent): StreamEvent {
  const { _id, storedAt, publishedAt, traceparent, ...event } = doc;
  return event as unknown as StreamEvent;
}
