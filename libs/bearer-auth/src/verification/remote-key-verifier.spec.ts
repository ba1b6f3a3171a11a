import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemoteKeyVerifier } from './remote-key-verifier';
import { VerificationUnavailableError } from '@pxxl/verification';

type Handler = (body: string, res: ServerResponse) => void;

/** A stand-in key service on 127.0.0.1 whose answer each test sets; it counts TCP connections. */
async function keyService(handler: { current: Handler }) {
  let connections = 0;
  const bodies: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      bodies.push(body);
      handler.current(body, res);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, bodies, connections: () => connections, close: () => new Promise((r) => server.close(r)) };
}

const json = (status: number, value: unknown): Handler => (_body, res) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof value === 'string' ? value : JSON.stringify(value));
};

describe('RemoteKeyVerifier', () => {
  const handler = { current: json(200, { valid: false, code: 'NOT_FOUND' }) };
  let service: Awaited<ReturnType<typeof keyService>>;
  let verifier: RemoteKeyVerifier;

  beforeAll(async () => {
    service = await keyService(handler);
    // A generous bound: on a loaded CI machine the first round trip (undici's first connect) can take
    // longer than a short timeout; the timeout test below uses its own short-bounded verifier.
    verifier = new RemoteKeyVerifier({ keyServiceUrl: service.url, timeoutMs: 10_000 });
  });

  afterAll(async () => {
    await verifier.close();
    await service.close();
  });

  it('posts the key (and required scopes) to /v1/verify and returns the answer, over kept-alive connections', async () => {
    const answer = { valid: true, code: 'VALID', keyId: 'AbCdEfGh12345678', workspaceId: 'acme', scopes: ['deployments:read'], expiresAt: null, validUntil: null, version: 2 };
    handler.current = json(200, answer);
    for (let i = 0; i < 20; i++) expect(await verifier.verify('pxxl_key', i === 0 ? ['deployments:read'] : [])).toEqual(answer);
    expect(JSON.parse(service.bodies[0])).toEqual({ key: 'pxxl_key', requiredScopes: ['deployments:read'] });
    expect(JSON.parse(service.bodies[1])).toEqual({ key: 'pxxl_key' });
    // undici may open a second socket while the first is being released; it does not open one per call.
    expect(service.connections()).toBeLessThanOrEqual(2);
  });

  it('treats no answer within the timeout as the key service being unavailable', async () => {
    handler.current = () => undefined;
    const impatient = new RemoteKeyVerifier({ keyServiceUrl: service.url, timeoutMs: 300 });
    await expect(impatient.verify('pxxl_key')).rejects.toBeInstanceOf(VerificationUnavailableError);
    await impatient.close();
  });

  it('treats an error status or an unexpected body as the key service being unavailable, never as an answer', async () => {
    for (const [status, body] of [
      [503, { code: 'STORE_UNAVAILABLE' }],
      [200, 'not json'],
      [200, { valid: true, code: 'NOT_FOUND' }],
      [200, { valid: true, code: 'VALID' }],
    ] as const) {
      handler.current = json(status, body);
      await expect(verifier.verify('pxxl_key')).rejects.toBeInstanceOf(VerificationUnavailableError);
    }
  });

  it('treats a refused connection as the key service being unavailable', async () => {
    const closed = new RemoteKeyVerifier({ keyServiceUrl: 'http://127.0.0.1:1', timeoutMs: 300 });
    await expect(closed.verify('pxxl_key')).rejects.toBeInstanceOf(VerificationUnavailableError);
    await closed.close();
  });
});
