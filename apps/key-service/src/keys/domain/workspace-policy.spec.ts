import type { WorkspaceEvent } from '@pxxl/contracts';
import { deciderSpec } from '@pxxl/testing';
import {
  decidePolicy,
  DEFAULT_KEY_POLICY,
  evolvePolicy,
  foldPolicy,
  initialPolicyState,
  type ChangeWorkspacePolicy,
  type DecidedWorkspaceEvent,
  type KeyPolicy,
  type WorkspacePolicyState,
} from './workspace-policy';

const spec = deciderSpec<ChangeWorkspacePolicy, WorkspaceEvent, DecidedWorkspaceEvent, WorkspacePolicyState>({
  decide: decidePolicy,
  evolve: evolvePolicy,
  initialState: initialPolicyState,
});

const change = (fields: Omit<ChangeWorkspacePolicy, 'type'>): ChangeWorkspacePolicy => ({ type: 'ChangeWorkspacePolicy', ...fields });
const changed = (data: KeyPolicy, version: number): WorkspaceEvent => ({
  eventId: `00000000-0000-4000-8000-00000000000${version}`,
  type: 'WorkspacePolicyChanged',
  schemaVersion: 1,
  workspaceId: 'acme',
  version,
  occurredAt: '2026-01-10T12:00:00.000Z',
  actor: 'key:AdminAdminAdmin1',
  data,
});

describe('workspace policy decider', () => {
  it('starts from the defaults: 365 days, no non-expiring keys, 7 days of grace, the whole catalog', () => {
    expect(foldPolicy([])).toEqual({ version: 0, policy: DEFAULT_KEY_POLICY, changedAt: null, changedBy: null });
    expect(DEFAULT_KEY_POLICY).toEqual({ maxLifetimeDays: 365, allowNonExpiring: false, maxGracePeriodSeconds: 604800, scopeAllowList: null });
  });

  it('records the whole new policy; fields left out take their defaults', () => {
    spec
      .given([])
      .when(change({ maxLifetimeDays: 90, scopeAllowList: ['usage:read', 'api_keys:write', 'api_keys:read', 'usage:read'] }))
      .then([
        {
          type: 'WorkspacePolicyChanged',
          data: { maxLifetimeDays: 90, allowNonExpiring: false, maxGracePeriodSeconds: 604800, scopeAllowList: ['api_keys:read', 'api_keys:write', 'usage:read'] },
        },
      ]);
  });

  it('records nothing when the policy stays the same', () => {
    spec.given([]).when(change({})).then([]);
    const strict = { ...DEFAULT_KEY_POLICY, maxLifetimeDays: 30 };
    spec.given([changed(strict, 1)]).when(change({ maxLifetimeDays: 30 })).then([]);
  });

  it('folds to the latest policy with its version and author', () => {
    const state = foldPolicy([changed({ ...DEFAULT_KEY_POLICY, maxLifetimeDays: 30 }, 1), changed({ ...DEFAULT_KEY_POLICY, allowNonExpiring: true }, 2)]);
    expect(state).toMatchObject({ version: 2, policy: { maxLifetimeDays: 365, allowNonExpiring: true }, changedBy: 'key:AdminAdminAdmin1' });
  });

  it('rejects values out of range', () => {
    spec.given([]).when(change({ maxLifetimeDays: 0 })).thenThrows('INVALID_POLICY');
    spec.given([]).when(change({ maxLifetimeDays: 3651 })).thenThrows('INVALID_POLICY');
    spec.given([]).when(change({ maxLifetimeDays: 1.5 })).thenThrows('INVALID_POLICY');
    spec.given([]).when(change({ maxGracePeriodSeconds: -1 })).thenThrows('INVALID_POLICY');
    spec.given([]).when(change({ maxGracePeriodSeconds: 30 * 86400 + 1 })).thenThrows('INVALID_POLICY');
  });

  it('rejects an allow-list with unknown scopes, or one that would lock the workspace out of key management', () => {
    spec.given([]).when(change({ scopeAllowList: ['api_keys:read', 'api_keys:write', 'cdn:delete'] })).thenThrows('UNKNOWN_SCOPE');
    spec.given([]).when(change({ scopeAllowList: ['api_keys:read', 'usage:read'] })).thenThrows('INVALID_POLICY');
    spec.given([]).when(change({ scopeAllowList: [] })).thenThrows('INVALID_POLICY');
  });
});
