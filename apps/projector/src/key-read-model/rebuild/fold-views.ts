import type { KeyEvent } from '@pxxl/contracts';
import { applyToView, type KeyView } from '@pxxl/key-read-model';

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
