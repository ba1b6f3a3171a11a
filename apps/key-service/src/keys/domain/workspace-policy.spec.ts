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
  schemaVersion: 2,
  workspaceId: 'acme',
  version,
  occurredAt: '2026-01-10T12:00:00.000Z',
  actor: 'key:AdminAdminAdmin1',
  data,
});

describe('workspace policy decider', () => {
  it('starts from the defaults: 365 days, no non-expiring keys, 7 days of grace, the whole catalog', () => {
    expect(foldPolicy([])).toEqual({ version: 0, policy: DEFAULT_KEY_POLICY, changedAt: null, changedBy: null });
    const v1Fields = { maxLifetimeDays: 365, allowNonExpiring: false, maxGracePeriodSeconds: 604800, scopeAllowList: null };
    const v2Fields = { requireOwner: false, expiryNoticeDays: [14, 1], maxRateLimit: null, maxUsageLimit: null, requireAllowedIps: false };
    expect(DEFAULT_KEY_POLICY).toEqual({ ...v1Fields, ...v2Fields });
  });

  it('records the whole new policy; fields left out take their defaults', () => {
    spec
      .given([])
      .when(change({ maxLifetimeDays: 90, scopeAllowList: ['usage:read', 'api_keys:write', 'api_keys:read', 'usage:read'] }))
      .then([
        {
          type: 'WorkspacePolicyChanged',
          data: { ...DEFAULT_KEY_POLICY, maxLifetimeDays: 90, scopeAllowList: ['api_keys:read', 'api_keys:write', 'usage:read'] },
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

  it('reads a v1 event with the defaults of what v2 added', () => {
    const v1 = { ...changed(DEFAULT_KEY_POLICY, 1), schemaVersion: 1 as const, data: { maxLifetimeDays: 30, allowNonExpiring: true, maxGracePeriodSeconds: 0, scopeAllowList: null } };
    expect(foldPolicy([v1]).policy).toEqual({ ...DEFAULT_KEY_POLICY, maxLifetimeDays: 30, allowNonExpiring: true, maxGracePeriodSeconds: 0 });
  });

  it('records owners required, expiry notices (sorted, latest first) and limit maxima', () => {
    spec
      .given([])
      .when(change({ requireOwner: true, expiryNoticeDays: [1, 30, 7], maxRateLimit: { limit: 100, windowSeconds: 60 }, maxUsageLimit: 5000, requireAllowedIps: true }))
      .then([
        {
          type: 'WorkspacePolicyChanged',
          data: { ...DEFAULT_KEY_POLICY, requireOwner: true, expiryNoticeDays: [30, 7, 1], maxRateLimit: { limit: 100, windowSeconds: 60 }, maxUsageLimit: 5000, requireAllowedIps: true },
        },
      ]);
    spec.given([]).when(change({ expiryNoticeDays: [] })).then([{ type: 'WorkspacePolicyChanged', data: { ...DEFAULT_KEY_POLICY, expiryNoticeDays: [] } }]);
  });

  it('rejects expiry notices that repeat, fall outside 1–365 days or number more than 5, and malformed maxima', () => {
    for (const expiryNoticeDays of [[14, 14], [0], [366], [1.5], [1, 2, 3, 4, 5, 6]]) {
      spec.given([]).when(change({ expiryNoticeDays })).thenThrows('INVALID_POLICY');
    }
    spec.given([]).when(change({ maxRateLimit: { limit: 0, windowSeconds: 60 } })).thenThrows('INVALID_POLICY');
    spec.given([]).when(change({ maxRateLimit: { limit: 10, windowSeconds: 86401 } })).thenThrows('INVALID_POLICY');
    spec.given([]).when(change({ maxUsageLimit: 0 })).thenThrows('INVALID_POLICY');
    spec.given([]).when(change({ requireOwner: 'yes' as never })).thenThrows('INVALID_POLICY');
  });
});
