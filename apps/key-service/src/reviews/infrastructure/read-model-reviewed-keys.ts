import { Inject, Injectable } from '@nestjs/common';
import { isKeyLifecycleEvent } from '@pxxl/contracts';
import type { KeyView } from '@pxxl/key-read-model';
import { EVENT_STORE, KEY_READ_MODEL, keyStatus, type EventStore, type KeyReadModel } from '../../keys';
import type { CandidateKey, KeyProvenance } from '../domain/review';
import type { CurrentKey, FollowUp, ReviewedKeys } from '../ports';

const PAGE = 500;
const iso = (date: Date | null | undefined) => (date == null ? null : new Date(date).toISOString());

/** A key's owner; views written before owners existed have none. */
export function keyOwner(view: KeyView): string | null {
  return view.owner ?? null;
}

function toCandidate(view: KeyView): CandidateKey {
  return {
    keyId: view._id,
    name: view.name,
    owner: keyOwner(view),
    scopes: [...view.scopes],
    createdAt: iso(view.createdAt)!,
    createdBy: view.createdBy,
    lastUsedAt: iso(view.lastUsedAt),
    expiresAt: iso(view.expiresAt),
    version: view.version,
  };
}

const actorKeyId = (actor: string) => (actor.startsWith('key:') ? actor.slice(4) : null);

/** The workspace's keys as a review sees them: the verification read model, and the key streams for who did what. */
@Injectable()
export class ReadModelReviewedKeys implements ReviewedKeys {
  constructor(
    @Inject(KEY_READ_MODEL) private readonly keys: KeyReadModel,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async active(workspaceId: string, now: Date): Promise<CandidateKey[]> {
    const views: KeyView[] = [];
    for (let after: { createdAt: Date; keyId: string } | undefined; ; ) {
      const page = await this.keys.list({ workspaceId, statuses: ['active'], after, limit: PAGE, now });
      views.push(...page);
      if (page.length < PAGE) break;
      const last = page[page.length - 1];
      after = { createdAt: last.createdAt, keyId: last._id };
    }
    return views.reverse().map(toCandidate);
  }

  async current(workspaceId: string, keyIds: string[], now: Date): Promise<Map<string, CurrentKey>> {
    const views = await Promise.all(keyIds.map((keyId) => this.keys.get(keyId)));
    const found = views.filter((view): view is KeyView => view !== null && view.workspaceId === workspaceId);
    return new Map(found.map((view) => [view._id, { ...toCandidate(view), status: keyStatus(view, now) }]));
  }

  async provenance(workspaceId: string, keyId: string): Promise<KeyProvenance | null> {
    const [view, events] = await Promise.all([this.keys.get(keyId), this.store.load(keyId)]);
    if (!view || view.workspaceId !== workspaceId) return null;
    const lifecycle = events.filter(isKeyLifecycleEvent);
    const createdBy = lifecycle.find((event) => event.type === 'KeyCreated')?.actor ?? view.createdBy;
    const lastRotatedBy = lifecycle.filter((event) => event.type === 'KeyRotated').pop()?.actor ?? null;
    const actors = [...new Set([createdBy, lastRotatedBy].filter((actor): actor is string => actor !== null))];
    const owners = await Promise.all(actors.map(async (actor) => [actor, await this.ownerOfActor(actor)] as const));
    return { createdBy, lastRotatedBy, ownerOfActor: new Map(owners), expiresAt: iso(view.expiresAt) };
  }

  private async ownerOfActor(actor: string): Promise<string | null> {
    const keyId = actorKeyId(actor);
    return keyId === null ? null : this.ownerOf(keyId);
  }

  async ownerOf(keyId: string): Promise<string | null> {
    const view = await this.keys.get(keyId);
    return view ? keyOwner(view) : null;
  }

  async event(keyId: string, which: { version: number } | { type: string }): Promise<FollowUp | null> {
    const events = (await this.store.load(keyId)).filter(isKeyLifecycleEvent);
    const event = 'version' in which ? events.find((e) => e.version === which.version) : events.filter((e) => e.type === which.type).pop();
    return event ? { eventId: event.eventId, type: event.type, version: event.version } : null;
  }
}
