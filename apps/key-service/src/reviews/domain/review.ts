import {
  REVIEW_DECISIONS,
  SCOPE_CATALOG,
  keyActor,
  scopeSatisfies,
  type KeyReviewedV1Data,
  type ReviewActionAppliedV1Data,
  type ReviewOpenedV1Data,
  type ReviewSignedOffV1Data,
  type ReviewDecision,
  type ReviewedKeySnapshot,
  type ReviewEvent,
  type Reviewer,
  type SignedOffCheckpoint,
} from '@pxxl/contracts';
import { ReviewErrors } from './review.errors';

/**
 * The review campaign aggregate, as a decider: opening freezes the keys in
 * scope, each key gets a decision, change decisions are carried out through the
 * key service's own commands, and sign-off closes it. Stored in the key event
 * store, stream `review:<reviewId>`; the append of version N+1 is the
 * optimistic-concurrency check.
 */
export const MAX_KEYS_PER_REVIEW = 1000;

export interface RecordedDecision extends KeyReviewedV1Data {
  decidedAt: string;
  eventId: string;
}

export interface AppliedAction {
  followUpEventId: string;
  followUpEventType: string;
  keyVersion: number;
  appliedAt: string;
}

export interface ReviewItem {
  key: ReviewedKeySnapshot;
  decision: RecordedDecision | null;
  applied: AppliedAction | null;
}

export interface SignOff {
  by: Reviewer;
  at: string;
  checkpoint: SignedOffCheckpoint | null;
  eventId: string;
}

export interface ReviewState {
  /** 0 before it opens. */
  version: number;
  reviewId: string;
  workspaceId: string;
  title: string;
  dueAt: string;
  owner: string | null;
  scope: string | null;
  openedAt: string;
  openedBy: string;
  /** In the snapshot's order. */
  items: ReviewItem[];
  signOff: SignOff | null;
}

export const initialReviewState: ReviewState = {
  version: 0,
  reviewId: '',
  workspaceId: '',
  title: '',
  dueAt: '',
  owner: null,
  scope: null,
  openedAt: '',
  openedBy: '',
  items: [],
  signOff: null,
};

/** Whether a decision still needs a follow-up: every decision but keep changes the key. */
export const changesTheKey = (decision: ReviewDecision) => decision !== 'keep';
/** Decided, and (for a change) carried out. */
export const isDone = (item: ReviewItem) => item.decision !== null && (!changesTheKey(item.decision.decision) || item.applied !== null);

// ---- open -------------------------------------------------------------------------------------

export interface OpenReview {
  type: 'OpenReview';
  title: string;
  dueAt: string;
  owner: string | null;
  scope: string | null;
  now: Date;
}

/** The key as the review sees it when it opens: what the read model says of an active key. */
export type CandidateKey = ReviewedKeySnapshot;

const CONTROL = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/** Whether a key falls in the review's scope: its owner, and a grant of the scope (or a narrower one). */
export function inReviewScope(key: Pick<CandidateKey, 'owner' | 'scopes'>, filter: { owner: string | null; scope: string | null }): boolean {
  if (filter.owner !== null && key.owner !== filter.owner) return false;
  const scope = filter.scope;
  return scope === null || key.scopes.some((held) => scopeSatisfies(held, scope) || scopeSatisfies(scope, held));
}

export function decideOpen(command: OpenReview, candidates: CandidateKey[]): { type: 'ReviewOpened'; data: ReviewOpenedV1Data } {
  const title = command.title.trim();
  if (title.length === 0 || title.length > 200 || CONTROL.test(title)) throw ReviewErrors.invalidTitle();
  const due = new Date(command.dueAt);
  if (Number.isNaN(due.getTime()) || due <= command.now) throw ReviewErrors.invalidDueAt(command.dueAt);
  if (command.scope !== null && !SCOPE_CATALOG.some((s) => s.name === command.scope)) throw ReviewErrors.invalidScope(command.scope);
  const keys = candidates.filter((key) => inReviewScope(key, command));
  if (keys.length > MAX_KEYS_PER_REVIEW) throw ReviewErrors.tooLarge(keys.length, MAX_KEYS_PER_REVIEW);
  return { type: 'ReviewOpened', data: { title, dueAt: due.toISOString(), owner: command.owner, scope: command.scope, keys } };
}

// ---- decide a key -----------------------------------------------------------------------------

/** Who made the key's credentials what they are: the creation, and the latest rotation. */
export interface KeyProvenance {
  createdBy: string;
  /** null when never rotated. */
  lastRotatedBy: string | null;
  /** The owner of each `key:<id>` actor above, where known (one accessor: apps/key-service/src/reviews/ports). */
  ownerOfActor: ReadonlyMap<string, string | null>;
  /** The key's expiry now. */
  expiresAt: string | null;
}

export interface DecideKey {
  type: 'DecideKey';
  keyId: string;
  decision: ReviewDecision;
  justification?: string | null;
  expiresAt?: string | null;
  owner?: string | null;
  reviewer: Reviewer;
  now: Date;
}

function selfReviewReason(keyId: string, reviewer: Reviewer, provenance: KeyProvenance): Parameters<typeof ReviewErrors.selfReview>[1] | null {
  if (keyId === reviewer.keyId) return 'own-key';
  const self = keyActor(reviewer.keyId);
  if (provenance.createdBy === self) return 'created-by-reviewer';
  if (provenance.lastRotatedBy === self) return 'rotated-by-reviewer';
  if (reviewer.owner === null) return null;
  const actors = [provenance.createdBy, provenance.lastRotatedBy].filter((actor): actor is string => actor !== null);
  return actors.some((actor) => provenance.ownerOfActor.get(actor) === reviewer.owner) ? 'same-owner' : null;
}

function text(value: string | null | undefined, max: number, field: string): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  if (trimmed.length > max || CONTROL.test(trimmed)) throw ReviewErrors.invalidDecision(`${field} must be at most ${max} characters, without control characters`, field);
  return trimmed.length === 0 ? null : trimmed;
}

function openItem(state: ReviewState, keyId: string): ReviewItem {
  if (state.signOff) throw ReviewErrors.signedOff(state.reviewId);
  const item = state.items.find((candidate) => candidate.key.keyId === keyId);
  if (!item) throw ReviewErrors.keyNotInReview(state.reviewId, keyId);
  if (item.applied) throw ReviewErrors.alreadyApplied(keyId, item.applied.followUpEventId);
  return item;
}

/** The owner syntax is r-owners' to define; until then an owner is 1–100 printable characters. */
const OWNER = /^[^\s\u0000-\u001f\u007f]{1,100}$/;

export function decideKey(command: DecideKey, state: ReviewState, provenance: KeyProvenance): { type: 'KeyReviewed'; data: KeyReviewedV1Data }[] {
  const item = openItem(state, command.keyId);
  if (!REVIEW_DECISIONS.includes(command.decision)) throw ReviewErrors.invalidDecision(`decision must be one of ${REVIEW_DECISIONS.join(', ')}`, 'decision');
  const justification = text(command.justification, 1000, 'justification');
  const { decision } = command;
  if (decision !== 'shorten-expiry' && command.expiresAt != null) throw ReviewErrors.invalidDecision('expiresAt goes with shorten-expiry only', 'expiresAt');
  if (decision !== 'reassign' && command.owner != null) throw ReviewErrors.invalidDecision('owner goes with reassign only', 'owner');
  let expiresAt: string | null = null;
  let owner: string | null = null;
  if (decision === 'keep') {
    if (justification === null) throw ReviewErrors.invalidDecision('keep needs a justification: why the key is still needed', 'justification');
    const reason = selfReviewReason(command.keyId, command.reviewer, provenance);
    if (reason) throw ReviewErrors.selfReview(command.keyId, reason);
  } else if (decision === 'shorten-expiry') {
    const date = new Date(command.expiresAt ?? '');
    const current = provenance.expiresAt === null ? Infinity : new Date(provenance.expiresAt).getTime();
    if (command.expiresAt == null || Number.isNaN(date.getTime()) || date <= command.now || date.getTime() >= current) {
      throw ReviewErrors.invalidDecision('shorten-expiry needs expiresAt: a date-time in the future and before the key’s current expiry', 'expiresAt');
    }
    expiresAt = date.toISOString();
  } else if (decision === 'reassign') {
    if (command.owner == null || !OWNER.test(command.owner)) throw ReviewErrors.invalidDecision('reassign needs owner: the new owner, e.g. team:payments', 'owner');
    owner = command.owner;
  }
  const data: KeyReviewedV1Data = { keyId: command.keyId, decision, justification, expiresAt, owner, reviewer: command.reviewer };
  // The same decision by the same reviewer, recorded again, is no new event.
  const previous = item.decision;
  if (previous && JSON.stringify({ ...previous, decidedAt: undefined, eventId: undefined }) === JSON.stringify({ ...data, decidedAt: undefined, eventId: undefined })) return [];
  return [{ type: 'KeyReviewed', data }];
}

// ---- apply, sign off ---------------------------------------------------------------------------

/** The change decisions not yet carried out, in snapshot order. */
export function pendingActions(state: ReviewState): ReviewItem[] {
  return state.items.filter((item) => item.decision !== null && changesTheKey(item.decision.decision) && item.applied === null);
}

export function decideApplied(
  state: ReviewState,
  keyId: string,
  followUp: { eventId: string; type: string; version: number },
): { type: 'ReviewActionApplied'; data: ReviewActionAppliedV1Data } {
  const item = openItem(state, keyId);
  const decision = item.decision?.decision;
  if (decision === undefined || decision === 'keep') throw ReviewErrors.invalidDecision('only a change decision is applied', 'decision');
  return {
    type: 'ReviewActionApplied',
    data: { keyId, decision, followUpEventId: followUp.eventId, followUpEventType: followUp.type, keyVersion: followUp.version },
  };
}

export function whatIsMissing(state: ReviewState): { undecided: string[]; notApplied: string[] } {
  return {
    undecided: state.items.filter((item) => item.decision === null).map((item) => item.key.keyId),
    notApplied: pendingActions(state).map((item) => item.key.keyId),
  };
}

export function decideSignOff(
  state: ReviewState,
  by: Reviewer,
  checkpoint: SignedOffCheckpoint | null,
): { type: 'ReviewSignedOff'; data: ReviewSignedOffV1Data } {
  if (state.signOff) throw ReviewErrors.signedOff(state.reviewId);
  const { undecided, notApplied } = whatIsMissing(state);
  if (undecided.length + notApplied.length > 0) throw ReviewErrors.incomplete(undecided, notApplied);
  return { type: 'ReviewSignedOff', data: { by, checkpoint, keysReviewed: state.items.length } };
}

export type DecidedReviewEvent = ReturnType<typeof decideOpen> | ReturnType<typeof decideKey>[number] | ReturnType<typeof decideApplied> | ReturnType<typeof decideSignOff>;

// ---- evolve -----------------------------------------------------------------------------------

function withItem(state: ReviewState, keyId: string, change: (item: ReviewItem) => ReviewItem): ReviewItem[] {
  return state.items.map((item) => (item.key.keyId === keyId ? change(item) : item));
}

export function evolveReview(state: ReviewState, event: ReviewEvent): ReviewState {
  const next = { ...state, version: event.version };
  switch (event.type) {
    case 'ReviewOpened':
      return {
        ...next,
        reviewId: event.reviewId,
        workspaceId: event.workspaceId,
        title: event.data.title,
        dueAt: event.data.dueAt,
        owner: event.data.owner,
        scope: event.data.scope,
        openedAt: event.occurredAt,
        openedBy: event.actor,
        items: event.data.keys.map((key) => ({ key, decision: null, applied: null })),
      };
    case 'KeyReviewed':
      return { ...next, items: withItem(state, event.data.keyId, (item) => ({ ...item, decision: { ...event.data, decidedAt: event.occurredAt, eventId: event.eventId } })) };
    case 'ReviewActionApplied':
      return {
        ...next,
        items: withItem(state, event.data.keyId, (item) => ({
          ...item,
          applied: { followUpEventId: event.data.followUpEventId, followUpEventType: event.data.followUpEventType, keyVersion: event.data.keyVersion, appliedAt: event.occurredAt },
        })),
      };
    case 'ReviewSignedOff':
      return { ...next, signOff: { by: event.data.by, at: event.occurredAt, checkpoint: event.data.checkpoint, eventId: event.eventId } };
  }
}

export function foldReview(events: ReviewEvent[]): ReviewState {
  return events.reduce(evolveReview, initialReviewState);
}
