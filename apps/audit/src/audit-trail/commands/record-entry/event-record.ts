import type { UnsealedRecord } from '@pxxl/audit-trail';
import { subjectKeyOf, type TopicEvent } from '@pxxl/contracts';
import { nameAfter, publicDetails, summarize } from '../../domain/audit-entry';

/** The entry for an event, before the chain gives it a position. */
export function toAuditRecord(
  event: TopicEvent,
  context: { nameBefore: string | null; recordedAt: Date; partition: number; offset: string },
): UnsealedRecord {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    keyId: subjectKeyOf(event),
    workspaceId: event.workspaceId,
    version: event.version,
    keyName: nameAfter(event, context.nameBefore),
    actor: event.actor,
    occurredAt: new Date(event.occurredAt).toISOString(),
    recordedAt: context.recordedAt.toISOString(),
    summary: summarize(event),
    // Through JSON, so the stored entry holds exactly what the chain hashed (no undefined members).
    details: JSON.parse(JSON.stringify(publicDetails(event))) as Record<string, unknown>,
    source: { partition: context.partition, offset: context.offset },
  };
}
