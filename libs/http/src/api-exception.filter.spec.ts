import { HttpException } from '@nestjs/common';
import { isStoreUnavailable, toApiError } from './api-exception.filter';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('toApiError: the store going away is 503 STORE_UNAVAILABLE, not 500', () => {
  it.each([
    ['a driver network error', Object.assign(new Error('connection 3 to 127.0.0.1:27017 closed'), { name: 'MongoNetworkError' })],
    ['a closed topology', Object.assign(new Error('Topology is closed'), { name: 'MongoTopologyClosedError' })],
    // What Node's net module throws when FerretDB stops while the driver writes a command.
    ['a socket ended by the server', withCode('This socket has been ended by the other party', 'EPIPE')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['an outage wrapped by a verifier', new Error('the key store failed', { cause: withCode('connect ECONNREFUSED 127.0.0.1:27017', 'ECONNREFUSED') })],
  ])('%s', (_, error) => {
    expect(isStoreUnavailable(error)).toBe(true);
    expect(toApiError(error).toBody()).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(toApiError(error).status).toBe(503);
  });

  it('recognises a socket error from another realm (Node core errors under a vm, as in jest)', () => {
    const foreign = require('node:vm').runInNewContext("Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' })");
    expect(foreign instanceof Error).toBe(false);
    expect(toApiError(foreign).status).toBe(503);
  });

  it('keeps anything else an internal error, and client errors what they are', () => {
    expect(toApiError(new Error('boom')).status).toBe(500);
    expect(toApiError(new TypeError("Cannot read properties of undefined (reading 'x')")).status).toBe(500);
    expect(toApiError(new HttpException('Not Found', 404)).toBody()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });
});

describe('toApiError: Fastify refusals get a stable code (schemathesis found BAD_REQUEST)', () => {
  it('a body whose size is not its Content-Length is 400 MALFORMED_HTTP_REQUEST', () => {
    const error = toApiError(new HttpException('Request body size did not match Content-Length', 400));
    expect([error.status, error.code]).toEqual([400, 'MALFORMED_HTTP_REQUEST']);
  });
});
