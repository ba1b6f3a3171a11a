import type { KeyEvent } from '@pxxl/contracts';
import { ConcurrencyError, type ExpiryCandidate, type ExpiryCandidates } from '../../ports';
import type { PolicyLoader } from '../../queries/shared/policy-loader';
import { type KeyChange } from '../shared/record-events';
import { EmitExpiryNotices } from './emit-expiry-notices';

const NOW = new Date('2026-01-20T00:00:00.000Z');
const DAY = 24 * 3600 * 1000;
const inDays = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

function candidate(keyId: string, expiresInDays: number, noticedDays: number[] = []): ExpiryCandidate {
  return { keyId, workspaceId: 'acme', revoked: false, createdAt: '2025-12-01T00:00:00.000Z', expiresAt: inDays(expiresInDays), noticedDays, expiredNoticed: false };
}

/** The scheduler over fake ports: `outcome` says what changing each key does. */
function scheduler(candidates: ExpiryCandidate[], outcome: (keyId: string) => 'emit' | 'conflict' | 'already' | 'fail', policy: object = {}) {
  const horizons: Date[] = [];
  const loaded: string[] = [];
  const source: ExpiryCandidates = {
    workspaces: async () => ['acme'],
    expiringBy: async (_workspace, horizon) => {
      horizons.push(horizon);
      return candidates;
    },
  };
  const keys = {
    changeKey: async ({ keyId }: { keyId: string }) => {
      loaded.push(keyId);
      const result = outcome(keyId);
      if (result === 'conflict') throw new ConcurrencyError(keyId, 2);
      if (result === 'fail') throw new Error('store down');
      return { events: result === 'emit' ? [{ keyId, type: 'KeyExpiring' } as KeyEvent] : [] };
    },
  } as unknown as KeyChange;
  const policies = { load: async () => ({ policy }) } as unknown as PolicyLoader;
  const notices = new EmitExpiryNotices(source, { now: () => NOW }, policies, keys);
  return { notices, horizons, loaded };
}

describe('EmitExpiryNotices (one pass of the scheduler)', () => {
  it('loads only the keys the read model says are due, and scans up to the largest threshold', async () => {
    const { notices, horizons, loaded } = scheduler([candidate('due', 13), candidate('noticed', 13, [14]), candidate('far', 20)], () => 'emit');
    const run = await notices.emitDue();
    expect(loaded).toEqual(['due']);
    expect(run.emitted.map((e) => e.keyId)).toEqual(['due']);
    expect(horizons).toEqual([new Date(NOW.getTime() + 14 * DAY)]);
  });

  it('uses the workspace policy’s expiryNoticeDays when it has them', async () => {
    const { notices, horizons, loaded } = scheduler([candidate('in-20', 20), candidate('in-13', 13)], () => 'emit', { expiryNoticeDays: [30, 7] });
    await notices.emitDue();
    expect(horizons).toEqual([new Date(NOW.getTime() + 30 * DAY)]);
    expect(loaded).toEqual(['in-20', 'in-13']);
  });

  it('ignores a conflict with another instance and a notice the stream already has, and goes on after a failure', async () => {
    const outcomes: Record<string, 'conflict' | 'already' | 'fail' | 'emit'> = { a: 'conflict', b: 'already', c: 'fail', d: 'emit' };
    const { notices } = scheduler(['a', 'b', 'c', 'd'].map((id) => candidate(id, 1 / 2)), (keyId) => outcomes[keyId]);
    const run = await notices.emitDue();
    expect({ emitted: run.emitted.map((e) => e.keyId), raced: run.raced, failed: run.failed }).toEqual({ emitted: ['d'], raced: 2, failed: 1 });
  });
});
