import { parseLeakReports } from './leak-report';

const TOKEN = 'pxxl_AbCdEfGh12345678_' + 'a'.repeat(38);

describe('leak report parsing', () => {
  it('reads a GitHub-style array, ignoring fields it does not use', () => {
    expect(parseLeakReports([{ token: TOKEN, type: 'pxxl_api_key', url: 'https://github.com/o/r/blob/x/.env', source: 'content' }])).toEqual({
      ok: true,
      reports: [{ token: TOKEN, url: 'https://github.com/o/r/blob/x/.env', source: 'content' }],
    });
  });

  it('reads a single object, and any string as a token (validity is checked later, never here)', () => {
    expect(parseLeakReports({ token: 'not-a-key' })).toEqual({ ok: true, reports: [{ token: 'not-a-key', url: null, source: null }] });
  });

  it('never keeps a token pasted into url or source', () => {
    const parsed = parseLeakReports([{ token: TOKEN, url: `https://paste.example/?k=${TOKEN}`, source: TOKEN }]);
    expect(JSON.stringify(parsed.ok && [parsed.reports[0].url, parsed.reports[0].source])).not.toContain(TOKEN);
  });

  it('refuses bodies that are not reports, and more than 100 tokens', () => {
    for (const body of [undefined, 'x', [{}], [{ token: 5 }], [null], { url: 'x' }, [{ token: 'x'.repeat(513) }]]) {
      expect(parseLeakReports(body).ok).toBe(false);
    }
    expect(parseLeakReports(Array.from({ length: 101 }, () => ({ token: TOKEN }))).ok).toBe(false);
    expect(parseLeakReports(Array.from({ length: 100 }, () => ({ token: TOKEN }))).ok).toBe(true);
  });
});
