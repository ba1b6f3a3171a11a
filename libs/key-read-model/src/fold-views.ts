import type { KeyEvent } from '@pxxl/contracts';
import { applyToView } from './key-view.projection';
import type { KeyView } from './key-view.schema';

/**
 * Folds events sorted by (keyId, version) into views, yielding each key's view
 * once its last event has been seen. Pure over its input; memory is one key.
 */
export async function* foldViews(events: AsyncIterable<KeyEvent>): AsyncGenerator<KeyView> {
  let current: KeyView | null = null;
  for await (const event of events) {
    if (current !== null && current._id !== event.keyId) {
      yield current;
      current = null;
    }
    current = applyToView(current, event);
  }
  if (current !== null) yield current;
}

/**
 * Puts each key's events in version order when they arrive in `_id` order
 * (`<keyId>:<version>` sorts "…:10" before "…:2"). A key's events are
 * contiguous in that order (key ids all have the same length), so memory is
 * one key's events.
 */
export async function* inVersionOrder(events: AsyncIterable<KeyEvent>): AsyncGenerator<KeyEvent> {
  let run: KeyEvent[] = [];
  for await (const event of events) {
    if (run.length > 0 && run[0].keyId !== event.keyId) {
      yield* run.sort((a, b) => a.version - b.version);
      run = [];
    }
    run.push(event);
  }
  yield* run.sort((a, b) => a.version - b.version);
}

/**
 * Folds events arriving in any order into views, all kept in memory (one view
 * per key). An event that comes before its predecessor waits until it
 * arrives; a repeated one changes nothing. For a log read in storage order,
 * which every backend streams without sorting.
 *
 * A revoked view is final (the domain decides no event after a revocation),
 * so it can be taken — written — while the rest of the log is still being
 * read. Should an event change a taken view anyway, it is reported by
 * `changedAfterTaken` so the writer can replace what it wrote.
 */
export class ViewFolder {
  private readonly byKey = new Map<string, KeyView>();
  private readonly early = new Map<string, Map<number, KeyEvent>>();
  private readonly taken = new Set<string>();
  private readonly changed = new Set<string>();
  private final: KeyView[] = [];

  add(event: KeyEvent): void {
    let view = this.byKey.get(event.keyId) ?? null;
    const next = (view?.version ?? 0) + 1;
    if (event.version < next) return;
    if (event.version > next) {
      const waiting = this.early.get(event.keyId) ?? new Map<number, KeyEvent>();
      waiting.set(event.version, event);
      this.early.set(event.keyId, waiting);
      return;
    }
    view = applyToView(view, event);
    const waiting = this.early.get(event.keyId);
    for (let follower = waiting?.get(view!.version + 1); follower; follower = waiting!.get(view!.version + 1)) {
      waiting!.delete(follower.version);
      view = applyToView(view, follower);
    }
    if (waiting?.size === 0) this.early.delete(event.keyId);
    if (!view) return;
    this.byKey.set(event.keyId, view);
    if (this.taken.has(event.keyId)) this.changed.add(event.keyId);
    else if (view.status === 'revoked') this.final.push(view);
  }

  /** Views revoked since the last call: final, and now taken. */
  takeFinal(): KeyView[] {
    if (this.final.length === 0) return [];
    const final = this.final.filter((view) => this.byKey.get(view._id) === view && !this.taken.has(view._id));
    this.final = [];
    for (const view of final) this.taken.add(view._id);
    return final;
  }

  /** Every view not taken yet; they are taken too. */
  takeRest(): KeyView[] {
    const rest = [...this.byKey.values()].filter((view) => !this.taken.has(view._id));
    for (const view of rest) this.taken.add(view._id);
    this.final = [];
    return rest;
  }

  /** Taken views that an event changed afterwards, as they are now. */
  changedAfterTaken(): KeyView[] {
    return [...this.changed].map((keyId) => this.byKey.get(keyId)!);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Events whose predecessor never came (a gap in the log): not applied. */
  get stranded(): number {
    let count = 0;
    for (const waiting of this.early.values()) count += waiting.size;
    return count;
  }
}
