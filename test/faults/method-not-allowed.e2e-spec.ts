import { request as httpRequest } from 'node:http';
import { TestStack } from '../support/stack';

/** fetch refuses TRACE: node:http sends any method. */
function send(url: string, method: string): Promise<{ status: number; allow?: string; body: { code: string; message: string; details: unknown } }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A known path asked with a method it does not take: 405 with Allow, never 404 or a code in no table. */
describe('405 METHOD_NOT_ALLOWED', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({ apps: ['key-service', 'audit'] });
  });

  afterAll(() => stack.stop());

  it.each([
    ['TRACE', '/v1/keys/0', 'DELETE, GET, HEAD, PATCH'],
    ['PUT', '/v1/keys', 'GET, HEAD, POST'],
    ['DELETE', '/v1/verify', 'POST'],
    ['PROPFIND', '/v1/workspace/policy', 'GET, HEAD, PUT'],
  ])('%s %s answers 405 with Allow: %s', async (method, path, allow) => {
    const response = await send(stack.url + path, method);
    expect(response.status).toBe(405);
    expect(response.allow).toBe(allow);
    expect(response.body).toEqual({ code: 'METHOD_NOT_ALLOWED', message: `this path takes ${allow}`, details: { allowed: allow.split(', ') } });
  });

  it('QUERY on a known path is a 405 too, even without a body type', async () => {
    const response = await stack.request('QUERY', '/v1/keys/0');
    expect([response.status, response.body.code]).toEqual([405, 'METHOD_NOT_ALLOWED']);
  });

  it('the audit app answers the same way', async () => {
    const response = await stack.request('POST', '/v1/audit/events', { app: 'audit' });
    expect([response.status, response.headers.get('allow'), response.body.code]).toEqual([405, 'GET, HEAD', 'METHOD_NOT_ALLOWED']);
  });

  it('an unknown path is still 404 ROUTE_NOT_FOUND, whatever the method', async () => {
    for (const method of ['GET', 'TRACE', 'POST']) {
      const response = await send(`${stack.url}/v1/nothing-here`, method);
      expect([response.status, response.body.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    }
  });
});
