import { envelopeEvent, type DecidedEvent, type KeyEvent } from '@pxxl/contracts';
import type { KeyView } from '@pxxl/key-read-model';
import type { KeyViewStore } from '../../ports';
import { KeyViewProjector } from './key-view.projector';

const KEY_ID = 'AbCdEfGh12345678';

function event(decided: DecidedEvent, version: number): KeyEvent {
  return envelopeEvent(decided, { eventId: `e-${version}`, keyId: KEY_ID, workspaceId: 'acme', version, occurredAt: '2026-01-10T12:00:00.000Z', actor: 'system' });
}

const created = event(
  { type: 'KeyCreated', data: { name: 'bot', description: null, scopes: ['usage:read'], expiresAt: null, secretHash: '$2b$10$' + 'h'.repeat(53), displayPrefix: `pxxl_${KEY_ID}_abcd` } },
  1,
);
const renamed = event({ type: 'KeyUpdated', data: { name: 'renamed' } }, 2);

/** The store's guards, in memory: an insert only where no view is, an update only at the expected version. */
function memoryStore(): KeyViewStore & { views: Map<string, KeyView> } {
  const views = new Map<string, KeyView>();
  return {
    views,
    find: async (keyId) => views.get(keyId) ?? null,
    insert: async (view) => !views.has(view._id) && Boolean(views.set(view._id, view)),
    updateAt: async (keyId, expectedVersion, set) => {
      const view = views.get(keyId);
      if (view?.version !== expectedVersion) return false;
      views.set(keyId, { ...view, ...set });
      return true;
    },
  };
}

describe('KeyViewProjector', () => {
  it('applies each event once, however often it is delivered', async () => {
    const store = memoryStore();
    const projector = new KeyViewProjector(store);
    expect(await projector.apply(created)).toBe('applied');
    expect(await projector.apply(created)).toBe('duplicate');
    expect(await projector.apply(renamed)).toBe('applied');
    expect(await projector.apply(renamed)).toBe('duplicate');
    expect(store.views.get(KEY_ID)).toMatchObject({ name: 'renamed', version: 2 });
  });

  it('reports an event that comes before its predecessor as a gap and writes nothing', async () => {
    const store = memoryStore();
    const projector = new KeyViewProjector(store);
    expect(await projector.apply(renamed)).toBe('gap');
    expect(store.views.size).toBe(0);
  });
});
