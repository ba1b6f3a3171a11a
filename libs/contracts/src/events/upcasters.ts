import type { TopicEvent } from './topic-event';
import type { KeyEventSchemaName } from './schemas';

/**
 * Turns any published version into the current shape. Every schema is at v1
 * today, so each upcaster is the identity; a v2 adds `'KeyX.v1': (e) => ({...})`
 * here and old events stay readable forever.
 */
const UPCASTERS: Record<KeyEventSchemaName, (event: never) => TopicEvent> = {
  'KeyCreated.v1': (event) => event,
  'KeyRotated.v1': (event) => event,
  'KeyRevoked.v1': (event) => event,
  'KeyUpdated.v1': (event) => event,
  'KeyLimitsChanged.v1': (event) => event,
  'KeyCreditsAdded.v1': (event) => event,
  'KeyBrowserUseRefused.v1': (event) => event,
  'WorkspacePolicyChanged.v1': (event) => event,
  'KeyExpiring.v1': (event) => event,
  'KeyExpired.v1': (event) => event,
  'ReviewOpened.v1': (event) => event,
  'KeyReviewed.v1': (event) => event,
  'ReviewActionApplied.v1': (event) => event,
  'ReviewSignedOff.v1': (event) => event,
};

export function upcast(name: KeyEventSchemaName, event: never): TopicEvent {
  return UPCASTERS[name](event);
}
