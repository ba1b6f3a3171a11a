import type { Connection } from 'mongoose';
import { readTopic } from './topic-reader';

export interface Differences {
  unpublished: string[];
  missingOnTopic: string[];
  readModelBehind: Array<{ keyId: string; store: number; readModel: number }>;
  missingInAudit: string[];
  duplicateAuditEntries: number;
  /** Keys whose versions first appear on the topic out of order. */
  outOfOrder: string[];
}

/**
 * Compares event store, topic, read model and audit trail. Zero differences
 * means: every stored event was published, projected and audited, once.
 */
export async function reconcile(db: Connection, env: Record<string, string>): Promise<Differences> {
  const events = await db.collection('key_events').find({}).toArray();
  const eventIds = new Set(events.map((e) => e.eventId as string));
  const onTopic = new Set<string>();
  const firstSeen = new Map<string, number[]>();
  // Called once per message read; stops when every stored event was seen (or times out).
  await readTopic(env, (messages) => {
    try {
      const event = JSON.parse(messages[messages.length - 1].value!.toString());
      if (!onTopic.has(event.eventId) && event.keyId) firstSeen.set(event.keyId, [...(firstSeen.get(event.keyId) ?? []), event.version]);
      onTopic.add(event.eventId);
    } catch {
      /* a poison message: not an event */
    }
    return [...eventIds].every((id) => onTopic.has(id));
  }, { timeoutMs: 15000 }).catch(() => undefined);

  const latest = new Map<string, number>();
  for (const e of events) latest.set(e.keyId, Math.max(latest.get(e.keyId) ?? 0, e.version));
  const views = new Map((await db.collection('key_views').find({}, { projection: { version: 1 } }).toArray()).map((v) => [String(v._id), v.version as number]));
  const audit = await db.collection('audit_entries').find({}, { projection: { eventId: 1 } }).toArray();
  const audited = new Set(audit.map((a) => a.eventId as string));

  return {
    unpublished: events.filter((e) => e.publishedAt == null).map((e) => String(e._id)),
    missingOnTopic: [...eventIds].filter((id) => !onTopic.has(id)),
    readModelBehind: [...latest]
      .filter(([keyId, version]) => (views.get(keyId) ?? 0) !== version)
      .map(([keyId, store]) => ({ keyId, store, readModel: views.get(keyId) ?? 0 })),
    missingInAudit: [...eventIds].filter((id) => !audited.has(id)),
    duplicateAuditEntries: audit.length - audited.size,
    outOfOrder: [...firstSeen].filter(([, versions]) => versions.some((v, i) => i > 0 && v <= versions[i - 1])).map(([keyId]) => keyId),
  };
}

export const NO_DIFFERENCES: Differences = { unpublished: [], missingOnTopic: [], readModelBehind: [], missingInAudit: [], duplicateAuditEntries: 0, outOfOrder: [] };

const countOf = (d: Differences) =>
  d.unpublished.length + d.missingOnTopic.length + d.readModelBehind.length + d.missingInAudit.length + d.duplicateAuditEntries + d.outOfOrder.length;

/**
 * Reconciles until there are no differences, for as long as the pipeline
 * keeps making progress. A loaded machine (CI runs many suites at once on
 * two cores) may need minutes to drain a backlog; a stuck pipeline shows as
 * no progress for `stallMs`, and answers the differences that remain.
 */
export async function reconcileWhenSettled(
  db: Connection,
  env: Record<string, string>,
  { stallMs = 30_000, maxMs = 300_000, log = (line: string) => console.log(line) } = {},
): Promise<Differences> {
  const started = Date.now();
  let best = Number.POSITIVE_INFINITY;
  let progressAt = started;
  for (;;) {
    const found = await reconcile(db, env);
    const count = countOf(found);
    if (count === 0) return found;
    const summary = Object.entries(found)
      .map(([what, v]) => [what, Array.isArray(v) ? v.length : v])
      .filter(([, n]) => n)
      .map(([what, n]) => `${what} ${n}`)
      .join(', ');
    log(`[reconcile] after ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary}`);
    if (count < best) {
      best = count;
      progressAt = Date.now();
    }
    const now = Date.now();
    if (now - progressAt > stallMs || now - started > maxMs) {
      log(`[reconcile] ${count} differences remain after ${Math.round((now - started) / 1000)} s: ${JSON.stringify(found)}`);
      return found;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
