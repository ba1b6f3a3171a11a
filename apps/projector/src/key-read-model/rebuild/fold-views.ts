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
