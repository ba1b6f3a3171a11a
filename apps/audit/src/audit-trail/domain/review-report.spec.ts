import { parseCsv } from '@pxxl/audit-trail';
import { broadScopeReasons, buildReviewReport, type ReviewEntry, type ReviewKey } from './review-report';
import { reviewCsv } from '../queries/review-report/review-csv';

const NOW = new Date('2026-04-01T00:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86400_000);
const inDays = (days: number) => new Date(NOW.getTime() + days * 86400_000);

const key = (id: string, overrides: Partial<ReviewKey> = {}): ReviewKey => ({
  id,
  name: `key ${id}`,
  scopes: ['usage:read'],
  status: 'active',
  createdAt: daysAgo(10),
  createdBy: 'system',
  expiresAt: inDays(200),
  lastUsedAt: daysAgo(1),
  rotatedAt: null,
  revokedAt: null,
  revokedReason: null,
  limits: { rateLimit: null, usage: null, allowedIps: null },
  verificationsLast30Days: 0,
  owner: null,
  rotationDue: null,
  ...overrides,
});

const entry = (type: string, occurredAt: Date, details: Record<string, unknown> = {}, keyId = 'k1'): ReviewEntry => ({
  eventId: `${type}-${occurredAt.toISOString()}`,
  type,
  keyId,
  keyName: `key ${keyId}`,
  actor: 'system',
  occurredAt,
  summary: `${type}`,
  details,
});

const parameters = { from: daysAgo(90), to: NOW, expiringWithinDays: 30, unusedForDays: 90, notRotatedForDays: 90 };
const build = (keys: ReviewKey[], entries: ReviewEntry[] = []) => buildReviewReport({ workspaceId: 'acme', now: NOW, parameters, keys, entries });
const ids = (findings: Array<{ keyId: string }>) => findings.map((f) => f.keyId);

describe('the review report', () => {
  it('shows each listed key’s limits and its verifications of the last 30 days, as evidence it is still needed', () => {
    const report = build([
      key('metered', { expiresAt: null, limits: { rateLimit: { limit: 100, windowSeconds: 60 }, usage: { limit: 1000, refill: null }, allowedIps: ['10.0.0.0/8'] }, verificationsLast30Days: 420 }),
    ]);
    expect(report.findings.noExpiry[0]).toMatchObject({ limits: 'rate 100 per 1 min; quota 1000; IPs 10.0.0.0/8', verificationsLast30Days: 420 });
    const [header, row] = parseCsv(reviewCsv(report));
    expect(row[header.indexOf('limits')]).toBe('rate 100 per 1 min; quota 1000; IPs 10.0.0.0/8');
    expect(row[header.indexOf('verificationsLast30Days')]).toBe('420');
  });

  it('lists keys that never expire, and keys expiring within N days', () => {
    const report = build([key('forever', { expiresAt: null }), key('soon', { expiresAt: inDays(12) }), key('later', { expiresAt: inDays(31) })]);
    expect(ids(report.findings.noExpiry)).toEqual(['forever']);
    expect(report.findings.expiringSoon).toEqual([expect.objectContaining({ keyId: 'soon', detail: 'expires in 12 days' })]);
  });

  it('lists keys unused for N days, counting a never-used key from its creation', () => {
    const report = build([
      key('idle', { lastUsedAt: daysAgo(91) }),
      key('never', { lastUsedAt: null, createdAt: daysAgo(120) }),
      key('fresh', { lastUsedAt: null, createdAt: daysAgo(5) }),
      key('busy', { lastUsedAt: daysAgo(2), createdAt: daysAgo(300) }),
    ]);
    expect(report.findings.unused.map((f) => [f.keyId, f.detail])).toEqual([
      ['idle', 'last used 91 days ago'],
      ['never', 'never used (created 120 days ago)'],
    ]);
  });

  it('lists keys not rotated for N days, saying when one was never rotated', () => {
    const report = build([
      key('old', { createdAt: daysAgo(200) }),
      key('rotated-long-ago', { createdAt: daysAgo(300), rotatedAt: daysAgo(100) }),
      key('rotated-recently', { createdAt: daysAgo(300), rotatedAt: daysAgo(3) }),
    ]);
    expect(report.findings.notRotated.map((f) => [f.keyId, f.detail])).toEqual([
      ['old', 'never rotated (created 200 days ago)'],
      ['rotated-long-ago', 'last rotated 100 days ago'],
    ]);
  });

  it('leaves revoked and expired keys out of the key findings but counts them', () => {
    const report = build([key('gone', { status: 'revoked', expiresAt: null }), key('lapsed', { expiresAt: daysAgo(1), createdAt: daysAgo(400) })]);
    expect(report.keys).toEqual({ active: 0, expired: 1, revoked: 1 });
    expect(Object.values(report.findings).every((list) => list.length === 0)).toBe(true);
  });

  it('flags admin, key-writing and billing-writing grants, and unscoped grants where a narrowed one exists', () => {
    const report = build([
      key('admin', { scopes: ['api_keys:read', 'api_keys:write', 'audit:read'] }),
      key('billing', { scopes: ['billing:write'] }),
      key('wide-cdn', { scopes: ['cdn:upload'] }),
      key('narrow-cdn', { scopes: ['cdn:upload:space-1'] }),
      key('reader', { scopes: ['usage:read', 'billing:read'] }),
    ]);
    expect(report.findings.broadScopes.map((f) => [f.keyId, f.reasons])).toEqual([
      ['admin', ['can create, rotate and revoke keys (api_keys:write)']],
      ['billing', ['can change billing (billing:write)']],
      ['wide-cdn', ['cdn:upload covers every resource where a grant for one resource (cdn:upload:<resource>) would do']],
    ]);
    expect(broadScopeReasons(['admin:all', 'deployments:read'], new Set(), { isResourceScopable: (s) => s === 'deployments:read' })).toEqual([
      'admin scope admin:all',
      'deployments:read covers every resource where a grant for one resource (deployments:read:<resource>) would do',
    ]);
  });

  it('lists revocations and leaks of the period, and counts activity per month', () => {
    const entries = [
      entry('KeyCreated', new Date('2026-01-15T00:00:00Z')),
      entry('KeyCreated', new Date('2026-02-01T00:00:00Z')),
      entry('KeyRotated', new Date('2026-02-10T00:00:00Z')),
      entry('KeyRevoked', new Date('2026-03-05T00:00:00Z'), { reason: 'owner left' }),
      entry('KeyRevoked', new Date('2026-03-06T00:00:00Z'), { reason: 'leaked' }, 'k2'),
      entry('KeyRevoked', new Date('2025-12-01T00:00:00Z'), { reason: 'before the period' }),
    ];
    const report = build([], entries);
    expect(report.findings.revokedInPeriod.map((f) => f.occurredAt)).toEqual(['2026-03-05T00:00:00.000Z']);
    expect(report.findings.leakedInPeriod.map((f) => f.keyId)).toEqual(['k2']);
    expect(report.activity.total).toEqual({ created: 2, rotated: 1, revoked: 2, leaked: 1, updated: 0, limitsChanged: 0, toppedUp: 0, ownerChanged: 0 });
    expect(report.activity.byMonth).toEqual([
      { month: '2026-01', created: 1, rotated: 0, revoked: 0, leaked: 0, updated: 0, limitsChanged: 0, toppedUp: 0, ownerChanged: 0 },
      { month: '2026-02', created: 1, rotated: 1, revoked: 0, leaked: 0, updated: 0, limitsChanged: 0, toppedUp: 0, ownerChanged: 0 },
      { month: '2026-03', created: 0, rotated: 0, revoked: 2, leaked: 1, updated: 0, limitsChanged: 0, toppedUp: 0, ownerChanged: 0 },
    ]);
  });

  it('lists refused browser use from KeyBrowserUseRefused entries; every section is recorded now', () => {
    expect(build([]).notYetRecorded).toEqual([]);
    const refused = entry('KeyBrowserUseRefused', daysAgo(3));
    expect(build([], [refused]).findings.browserUseAttempts.map((f: { eventId: string }) => f.eventId)).toEqual([refused.eventId]);
  });

  it('renders as one CSV sheet with a header and a section column', () => {
    const report = build([key('forever', { expiresAt: null, name: '=cmd, "quoted"' })], [entry('KeyRevoked', daysAgo(3), { reason: 'leaked' })]);
    const rows = parseCsv(reviewCsv(report));
    expect(rows[0]).toEqual(['section', 'keyId', 'keyName', 'detail', 'scopes', 'createdAt', 'createdBy', 'expiresAt', 'lastUsedAt', 'rotatedAt', 'limits', 'verificationsLast30Days', 'eventId', 'occurredAt', 'actor', 'owner']);
    expect(rows).toContainEqual(expect.arrayContaining(['noExpiry', 'forever', '\'=cmd, "quoted"', 'never expires']));
    expect(rows.find((r) => r[0] === 'leakedInPeriod')).toBeDefined();
    expect(rows.filter((r) => r[0] === 'activity').map((r) => r[3])).toEqual([
      '2026-01: 0 created, 0 rotated, 0 revoked (0 as leaked), 0 updated, 0 limits changed, 0 topped up, 0 owner changes',
      '2026-02: 0 created, 0 rotated, 0 revoked (0 as leaked), 0 updated, 0 limits changed, 0 topped up, 0 owner changes',
      '2026-03: 0 created, 0 rotated, 1 revoked (1 as leaked), 0 updated, 0 limits changed, 0 topped up, 0 owner changes',
    ]);
    expect(rows.every((r) => r.length === rows[0].length)).toBe(true);
  });

  it('lists keys whose owner changed hands since their last rotation, with the owner and since when', () => {
    const report = build([key('handed-over', { owner: 'team:billing', rotationDue: { reason: 'OWNER_CHANGED', since: daysAgo(4) } }), key('steady', { owner: 'team:payments' })]);
    expect(report.findings.rotationDue).toEqual([
      expect.objectContaining({ keyId: 'handed-over', owner: 'team:billing', rotationDueSince: daysAgo(4).toISOString(), detail: 'owner changed 4 days ago (now team:billing); not rotated since' }),
    ]);
    const [header, ...rows] = parseCsv(reviewCsv(report));
    expect(rows.find((r) => r[0] === 'rotationDue')?.[header.indexOf('owner')]).toBe('team:billing');
  });
});
