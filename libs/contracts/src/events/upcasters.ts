import type { TopicEvent } from './topic-event';
import type { KeyEventSchemaName } from './schemas';
import type { WorkspacePolicyChangedV1 } from './workspace-policy-changed.v1';
import { WORKSPACE_POLICY_V2_DEFAULTS, type WorkspacePolicyChangedV2 } from './workspace-policy-changed.v2';

/**
 * A workspace policy event of any version in the current shape: v1 gets the
 * defaults of the fields v2 added. The key service folds stored events with
 * it (the event store keeps events as they were written).
 */
export function upcastWorkspacePolicyChanged(event: WorkspacePolicyChangedV1 | WorkspacePolicyChangedV2): WorkspacePolicyChangedV2 {
  if (event.schemaVersion === 2) return event;
  return { ...event, schemaVersion: 2, data: { ...event.data, ...WORKSPACE_POLICY_V2_DEFAULTS, expiryNoticeDays: [...WORKSPACE_POLICY_V2_DEFAULTS.expiryNoticeDays] } };
}

/**
 * Turns any published version into the current shape: the identity for a
 * current version, `'KeyX.v1': (e) => ({...})` for an older one, so old
 * events stay readable forever.
 */
const UPCASTERS: Record<KeyEventSchemaName, (event: never) => TopicEvent> = {
  'KeyCreated.v1': (event) => event,
  'KeyRotated.v1': (event) => event,
  'KeyRevoked.v1': (event) => event,
  'KeyUpdated.v1': (event) => event,
  'KeyLimitsChanged.v1': (event) => event,
  'KeyCreditsAdded.v1': (event) => event,
  'KeyBrowserUseRefused.v1': (event) => event,
  'WorkspacePolicyChanged.v1': (event: WorkspacePolicyChangedV1) => upcastWorkspacePolicyChanged(event),
  'WorkspacePolicyChanged.v2': (event) => event,
  'KeyExpiring.v1': (event) => event,
  'KeyExpired.v1': (event) => event,
  'ReviewOpened.v1': (event) => event,
  'KeyReviewed.v1': (event) => event,
  'ReviewActionApplied.v1': (event) => event,
  'ReviewSignedOff.v1': (event) => event,
  'KeyOwnerChanged.v1': (event) => event,
};

export function upcast(name: KeyEventSchemaName, event: never): TopicEvent {
  return UPCASTERS[name](event);
}
