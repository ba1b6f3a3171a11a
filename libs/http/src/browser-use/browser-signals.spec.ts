import { bearerToken, bodyKey, detectBrowserSignals, isCorsPreflight } from './browser-signals';

describe('browser signals', () => {
  const reasons = (headers: Record<string, string>) => detectBrowserSignals(headers).reasons;

  it('sees a browser in an Origin header, in Sec-Fetch-Site other than none, and in Sec-Fetch-Mode cors as browsers send it', () => {
    expect(reasons({ origin: 'https://app.example' })).toEqual(['Origin header']);
    expect(reasons({ origin: 'null' })).toEqual(['Origin header']);
    expect(reasons({ 'sec-fetch-site': 'same-origin' })).toEqual(['Sec-Fetch-Site: same-origin']);
    expect(reasons({ 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' })).toEqual(['Sec-Fetch-Mode: cors']);
    expect(reasons({ 'sec-fetch-mode': 'cors', 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'empty', origin: 'https://x.example' })).toHaveLength(3);
  });

  it('sees no browser in a plain backend request, a typed navigation, or Node’s fetch (a lone sec-fetch-mode: cors)', () => {
    expect(reasons({ 'user-agent': 'curl/8' })).toEqual([]);
    expect(reasons({ 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' })).toEqual([]);
    expect(reasons({ 'sec-fetch-mode': 'cors', 'user-agent': 'node' })).toEqual([]);
  });

  it('keeps the signal values for the record, truncated', () => {
    expect(detectBrowserSignals({ origin: 'https://' + 'a'.repeat(400), 'sec-fetch-site': 'cross-site' }).signals).toEqual({
      origin: ('https://' + 'a'.repeat(400)).slice(0, 300),
      secFetchMode: null,
      secFetchSite: 'cross-site',
    });
  });

  it('finds the presented key in a Bearer header or a body `key`', () => {
    expect(bearerToken({ authorization: 'Bearer pxxl_x' })).toBe('pxxl_x');
    expect(bearerToken({ authorization: 'bearer   pxxl_x ' })).toBe('pxxl_x');
    expect(bearerToken({ authorization: 'Basic abc' })).toBeNull();
    expect(bodyKey({ key: 'pxxl_x' })).toBe('pxxl_x');
    expect(bodyKey([{ token: 'pxxl_x' }])).toBeNull();
    expect(bodyKey({ key: 3 })).toBeNull();
  });

  it('recognises a CORS preflight', () => {
    expect(isCorsPreflight('OPTIONS', { 'access-control-request-method': 'POST' })).toBe(true);
    expect(isCorsPreflight('OPTIONS', {})).toBe(false);
    expect(isCorsPreflight('POST', { 'access-control-request-method': 'POST' })).toBe(false);
  });
});
