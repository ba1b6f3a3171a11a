import { parseCsv } from '@pxxl/audit-trail';
import { auditCaughtUp, auditGet } from '../support/audit';
import { TestStack } from '../support/stack';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

describe('reviewer API: query the audit trail of your own workspace', () => {
  let stack: TestStack;
  let acme: { token: string; keyId: string };
  let globex: { token: string; keyId: string };
  let cdn: string;
  let deploy: string;
  let renamed: string;
  let reader: string;

  const get = (path: string, token = acme.token) => auditGet(stack, path, token);
  const events = async (query: string, token = acme.token) => {
    const response = await get(`/v1/audit/events?${query}`, token);
    expect(response.status).toBe(200);
    return response.body as { items: Array<Record<string, any>>; nextCursor: string | null };
  };
  const create = async (token: string, body: Record<string, unknown>) => {
    const response = await stack.request('POST', '/v1/keys', { token, body: { expiresAt: inDays(60), ...body } });
    expect(response.status).toBe(201);
    return response.body as { id: string; key: string };
  };

  beforeAll(async () => {
    stack = await TestStack.start();
    const a = await stack.bootstrap('acme');
    const g = await stack.bootstrap('globex');
    acme = { token: a.token, keyId: a.keyId };
    globex = { token: g.token, keyId: g.keyId };
    cdn = (await create(acme.token, { name: 'CDN uploader', scopes: ['cdn:upload'] })).id;
    deploy = (await create(acme.token, { name: 'Deploy checker', scopes: ['deployments:read'] })).id;
    renamed = (await create(acme.token, { name: 'Old name', scopes: ['usage:read'] })).id;
    const readerKey = await create(acme.token, { name: '=HYPERLINK("http://x","click")', scopes: ['api_keys:read'] });
    reader = readerKey.key;
    await create(globex.token, { name: 'Globex monitor', scopes: ['health:read'] });
    expect((await stack.request('POST', `/v1/keys/${cdn}/rotate`, { token: acme.token, body: { gracePeriodSeconds: 3600 } })).status).toBe(200);
    expect((await stack.request('PATCH', `/v1/keys/${renamed}`, { token: acme.token, body: { name: 'New name' } })).status).toBe(200);
    expect((await stack.request('POST', `/v1/keys/${deploy}/revoke`, { token: acme.token, body: { reason: 'leaked' } })).status).toBe(200);
    await auditCaughtUp(stack);
  });

  afterAll(() => stack.stop());

  it('200: lists the workspace’s entries newest first, each with a summary and its chain fields', async () => {
    const page = await events('');
    expect(page.items).toHaveLength(8);
    expect(page.items.map((e) => e.type)).toEqual(['KeyRevoked', 'KeyUpdated', 'KeyRotated', 'KeyCreated', 'KeyCreated', 'KeyCreated', 'KeyCreated', 'KeyCreated']);
    const times = page.items.map((e) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(page.items[0]).toEqual({
      eventId: expect.any(String),
      type: 'KeyRevoked',
      keyId: deploy,
      keyName: 'Deploy checker',
      version: 2,
      actor: `key:${acme.keyId}`,
      occurredAt: expect.any(String),
      recordedAt: expect.any(String),
      summary: 'revoked: leaked',
      details: { reason: 'leaked' },
      chain: { seq: expect.any(Number), prevHash: expect.stringMatching(/^[0-9a-f]{64}$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    const summaries = page.items.map((e) => e.summary);
    expect(summaries).toContainEqual(expect.stringContaining('rotated, grace 1 h'));
    expect(summaries).toContainEqual(expect.stringContaining('scopes granted: cdn:upload'));
    expect(summaries).toContain('renamed to "New name"');
  });

  it('filters by key, event type, actor and time range', async () => {
    expect((await events(`keyId=${cdn}`)).items.map((e) => e.type)).toEqual(['KeyRotated', 'KeyCreated']);
    expect((await events('type=KeyRotated,KeyRevoked')).items.map((e) => e.keyId)).toEqual([deploy, cdn]);
    expect((await events('actor=system')).items.map((e) => e.keyName)).toEqual(['Bootstrap admin key']);
    expect((await events(`actor=key:${acme.keyId}`)).items).toHaveLength(7);
    const all = (await events('order=oldest')).items;
    const from = all[3].occurredAt;
    const to = all[6].occurredAt;
    const window = (await events(`from=${from}&to=${to}&order=oldest`)).items;
    expect(window.map((e) => e.eventId)).toEqual(all.filter((e) => e.occurredAt >= from && e.occurredAt < to).map((e) => e.eventId));
    expect(window.length).toBeGreaterThan(0);
  });

  it('pages with a cursor, newest or oldest first, without gaps or repeats', async () => {
    for (const order of ['newest', 'oldest']) {
      const all = (await events(`order=${order}`)).items.map((e) => e.eventId);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Array<Record<string, any>>; nextCursor: string | null } = await events(`order=${order}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(3);
        paged.push(...page.items.map((e) => e.eventId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
    }
    const newest = (await events('order=newest')).items.map((e) => e.eventId);
    expect((await events('order=oldest')).items.map((e) => e.eventId)).toEqual([...newest].reverse());
  });

  it('200: shows one key’s whole history in order, naming the key as it was at each event', async () => {
    const response = await get(`/v1/audit/keys/${renamed}/timeline`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((e: any) => [e.version, e.type, e.keyName])).toEqual([
      [1, 'KeyCreated', 'Old name'],
      [2, 'KeyUpdated', 'New name'],
    ]);
  });

  it('keeps each workspace to itself: 404 for another workspace’s key, nothing of it in lists or exports', async () => {
    const globexEvents = await events('', globex.token);
    expect(globexEvents.items.map((e) => e.keyName).sort()).toEqual(['Bootstrap admin key', 'Globex monitor']);
    const foreign = await get(`/v1/audit/keys/${cdn}/timeline`, globex.token);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ code: 'KEY_NOT_FOUND', message: expect.any(String), details: { keyId: cdn } });
    // Exactly what a key that does not exist at all gets.
    expect((await get('/v1/audit/keys/AAAAAAAAAAAAAAAA/timeline', globex.token)).body).toEqual({ ...foreign.body, details: { keyId: 'AAAAAAAAAAAAAAAA' } });
    expect((await events(`keyId=${cdn}`, globex.token)).items).toEqual([]);
    const exported = await get('/v1/audit/export', globex.token);
    for (const keyId of [cdn, deploy, renamed, acme.keyId]) expect(exported.text).not.toContain(keyId);
    const integrity = await get('/v1/audit/integrity', globex.token);
    expect(integrity.body).toMatchObject({ ok: true, workspaceId: 'globex', checked: 2, entriesChecked: 2 });
    const review = await get('/v1/audit/review', globex.token);
    expect(review.body.workspaceId).toBe('globex');
    expect(JSON.stringify(review.body)).not.toContain(cdn);
  });

  it('200: exports NDJSON that is the chain itself, and CSV that opens cleanly in a spreadsheet', async () => {
    const ndjson = await get('/v1/audit/export?format=ndjson');
    expect(ndjson.status).toBe(200);
    expect(ndjson.headers.get('content-type')).toContain('application/x-ndjson');
    expect(ndjson.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-acme-\d{4}-\d{2}-\d{2}\.ndjson"$/);
    const lines = ndjson.text.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ndjson.headers.get('pxxl-audit-chain-head')).toBe(`8:${lines[7].hash}`);

    const csv = await get('/v1/audit/export?format=csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.text).toMatch(/\r\n$/);
    const rows = parseCsv(csv.text);
    expect(rows[0]).toEqual(['seq', 'occurredAt', 'recordedAt', 'type', 'keyId', 'keyName', 'actor', 'summary', 'version', 'eventId', 'details', 'prevHash', 'hash']);
    expect(rows).toHaveLength(9);
    expect(rows.every((row) => row.length === 13)).toBe(true);
    // A key named like a formula stays text in a spreadsheet; quotes and commas survive the round trip.
    expect(rows.map((row) => row[5])).toContain('\'=HYPERLINK("http://x","click")');

    const filtered = await get(`/v1/audit/export?format=csv&keyId=${cdn}&type=KeyRotated`);
    expect(parseCsv(filtered.text).slice(1).map((row) => [row[3], row[4]])).toEqual([['KeyRotated', cdn]]);
    expect(filtered.headers.get('pxxl-audit-export')).toBe('filtered');
  });

  it('200: proves the workspace’s trail intact and gives its head', async () => {
    const response = await get('/v1/audit/integrity');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true, workspaceId: 'acme', checked: 8, entriesChecked: 8, range: { fromSeq: 1, toSeq: 8 }, head: { seq: 8, hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const ranged = await get('/v1/audit/integrity?fromSeq=3&toSeq=5');
    expect(ranged.body).toMatchObject({ ok: true, range: { fromSeq: 3, toSeq: 5 }, checked: 4, entriesChecked: 3 });
  });

  it('200: answers the review report as JSON and as CSV', async () => {
    const json = await get('/v1/audit/review');
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ workspaceId: 'acme', parameters: { expiringWithinDays: 30, unusedForDays: 90, notRotatedForDays: 90 } });
    expect(json.body.findings.leakedInPeriod.map((f: any) => f.keyId)).toEqual([deploy]);
    const csv = await get('/v1/audit/review?format=csv&unusedForDays=30');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(parseCsv(csv.text)[0][0]).toBe('section');
  });

  it('401: refuses a call without a key or with an unusable one, with an RFC 6750 challenge', async () => {
    for (const path of ['/v1/audit/events', `/v1/audit/keys/${cdn}/timeline`, '/v1/audit/export', '/v1/audit/integrity', '/v1/audit/review']) {
      const missing = await get(path, '');
      expect([path, missing.status, missing.body.code]).toEqual([path, 401, 'MISSING_TOKEN']);
      expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="pxxl-keys"');
      const garbled = await get(path, 'pxxl_nonsense');
      expect([path, garbled.status, garbled.body.code]).toEqual([path, 401, 'MALFORMED_TOKEN']);
    }
    const revokedKey = await create(acme.token, { name: 'soon revoked', scopes: ['audit:read'] });
    await stack.request('POST', `/v1/keys/${revokedKey.id}/revoke`, { token: acme.token, body: {} });
    expect((await get('/v1/audit/events', revokedKey.key)).body.code).toBe('TOKEN_REVOKED');
  });

  it('403: refuses a key without audit:read on every route', async () => {
    for (const path of ['/v1/audit/events', `/v1/audit/keys/${cdn}/timeline`, '/v1/audit/export', '/v1/audit/integrity', '/v1/audit/review']) {
      const response = await get(path, reader);
      expect([path, response.status]).toEqual([path, 403]);
      expect(response.body).toMatchObject({ code: 'INSUFFICIENT_SCOPE', details: { missingScopes: ['audit:read'] } });
    }
  });

  describe('400: bad input gets {code, message, details}', () => {
    const cases: Array<[string, string, string]> = [
      ['an unknown event type', '/v1/audit/events?type=KeyExploded', 'VALIDATION_FAILED'],
      ['a limit out of range', '/v1/audit/events?limit=0', 'VALIDATION_FAILED'],
      ['an unknown parameter', '/v1/audit/events?sort=asc', 'VALIDATION_FAILED'],
      ['a malformed time', '/v1/audit/events?from=yesterday', 'VALIDATION_FAILED'],
      ['an empty time range', '/v1/audit/events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'INVALID_RANGE'],
      ['a cursor this API did not return', '/v1/audit/events?cursor=bm9wZQ', 'INVALID_CURSOR'],
      ['a malformed key id', '/v1/audit/keys/not-a-key/timeline', 'INVALID_KEY_ID'],
      ['an unknown export format', '/v1/audit/export?format=xlsx', 'VALIDATION_FAILED'],
      ['half a published head', '/v1/audit/integrity?expectSeq=3', 'INVALID_ANCHOR'],
      ['a review threshold that is not a number', '/v1/audit/review?unusedForDays=soon', 'VALIDATION_FAILED'],
    ];
    it.each(cases)('rejects %s', async (_what, path, code) => {
      const response = await get(path);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ code, message: expect.any(String), details: expect.any(Object) });
    });
  });

  it('reports the trail’s completeness as a detail of GET /health', async () => {
    const response = await fetch(`${stack.auditUrl}/health`);
    expect(((await response.json()) as any).checks.auditTrail).toEqual({ ok: true, detail: expect.any(String) });
  });
});
