import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PxxlApiError, PxxlUnreachableError } from './client-errors';
import { HttpTransport } from './http-transport';

describe('HttpTransport', () => {
  let server: Server;
  let base: string;
  let handle: (req: IncomingMessage, res: ServerResponse, body: string) => void;
  const seen: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        handle(req, res, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => (seen.length = 0));

  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    (handle = (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    });

  it('sends the key as a Bearer header and JSON bodies, and keeps the query in the URL', async () => {
    reply(200, { ok: true });
    const http = new HttpTransport({ baseUrl: `${base}/`, apiKey: 'pxxl_secret' });
    const answer = await http.json('POST', '/v1/things', { query: { a: 'x y', b: 2, c: undefined }, body: { name: 'n' } });
    await http.close();
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/things?a=x+y&b=2', body: '{"name":"n"}' });
    expect(seen[0].headers).toMatchObject({ authorization: 'Bearer pxxl_secret', 'content-type': 'application/json' });
  });

  it('turns an error status into a PxxlApiError with the API code, details and Retry-After, never the key', async () => {
    reply(429, { code: 'TOO_MANY_ATTEMPTS', message: 'slow down', details: { keyId: 'k' } }, { 'retry-after': '7' });
    const http = new HttpTransport({ baseUrl: base, apiKey: 'pxxl_secret' });
    const error = await http.json('GET', '/v1/keys').catch((e: unknown) => e);
    await http.close();
    expect(error).toBeInstanceOf(PxxlApiError);
    expect(error).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS', message: 'slow down', details: { keyId: 'k' }, retryAfterSeconds: 7 });
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain('pxxl_secret');
  });

  it('names an answer that is not a Pxxl error by its status', async () => {
    reply(502, '<html>bad gateway</html>');
    const http = new HttpTransport({ baseUrl: base });
    await expect(http.json('GET', '/x')).rejects.toMatchObject({ status: 502, code: 'HTTP_502' });
    await http.close();
  });

  it('reports a refused connection and a silent server as unreachable, without credentials in the URL', async () => {
    const closed = new HttpTransport({ baseUrl: 'http://user:pw@127.0.0.1:1' });
    const refused = await closed.json('GET', '/v1/keys').catch((e: unknown) => e);
    await closed.close();
    expect(refused).toBeInstanceOf(PxxlUnreachableError);
    expect(refused).toMatchObject({ reason: 'connection', url: 'http://127.0.0.1:1/v1/keys' });

    handle = () => undefined; // never answers
    const slow = new HttpTransport({ baseUrl: base, timeoutMs: 200 });
    await expect(slow.json('GET', '/slow')).rejects.toMatchObject({ reason: 'timeout' });
    await slow.close().catch(() => undefined);
  });
});
