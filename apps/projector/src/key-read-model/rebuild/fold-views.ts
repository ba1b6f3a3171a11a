import type { KeyEvent } from '@pxxl/contracts';
import type { KeyView } from '@pxxl/key-read-model';
import { project } from '../key-view.projection';

/** Applies one event to a view in memory, with the projector's own rules (version guard included). */
export function applyToView(view: KeyView | null, event: KeyEvent): KeyView | null {
  const op = project(event, view);
  if (op.kind === 'insert') return view ?? op.view;
  if (op.kind === 'update') return { ...(view as KeyView), ...op.set };
  return view;
}

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
