import { PxxlApiError, PxxlUnreachableError } from '@pxxl/client';
import { EXIT } from '../exit-codes';
import { describeFailure } from './api-failure';

const apiError = (status: number, code: string, details: Record<string, unknown> = {}, url = 'http://h/v1/keys/AAAAAAAAAAAAAAAA') =>
  new PxxlApiError(status, code, 'the API says so', details, { method: 'GET', url });

describe('API failures as the CLI reports them', () => {
  it.each([
    [401, 'TOKEN_REVOKED', EXIT.REFUSED],
    [403, 'INSUFFICIENT_SCOPE', EXIT.REFUSED],
    [404, 'KEY_NOT_FOUND', EXIT.NOT_FOUND],
    [409, 'KEY_ALREADY_REVOKED', EXIT.CONFLICT],
    [412, 'VERSION_MISMATCH', EXIT.CONFLICT],
    [400, 'EXPIRY_TOO_FAR', EXIT.INVALID],
    [429, 'TOO_MANY_ATTEMPTS', EXIT.UNAVAILABLE],
    [503, 'STORE_UNAVAILABLE', EXIT.UNAVAILABLE],
    [500, 'INTERNAL_ERROR', EXIT.FAILURE],
    [404, 'ROUTE_NOT_FOUND', EXIT.CONFIG],
  ])('%i %s exits %i and keeps the API code', (status, code, exitCode) => {
    const failure = describeFailure(apiError(status, code))!;
    expect(failure).toMatchObject({ exitCode, api: { status, code } });
    expect(failure.message).toBe(`the API says so (${status} ${code})`);
  });

  it('says what to do', () => {
    expect(describeFailure(apiError(401, 'TOKEN_EXPIRED'))!.hint).toContain('has expired');
    expect(describeFailure(apiError(403, 'INSUFFICIENT_SCOPE', { missingScopes: ['audit:read'] }))!.hint).toContain('lacks audit:read');
    expect(describeFailure(apiError(404, 'KEY_NOT_FOUND'))!.hint).toContain('no key AAAAAAAAAAAAAAAA');
    expect(describeFailure(apiError(429, 'TOO_MANY_ATTEMPTS'))!.hint).toContain('retry later');
    expect(describeFailure(apiError(400, 'VALIDATION_FAILED', { fields: [{ field: 'name', problems: ['too long'] }] }))!.hint).toBe('name: too long');
  });

  it('names an unreachable service, and leaves other errors alone', () => {
    expect(describeFailure(new PxxlUnreachableError('http://h/v1/keys', 'timeout', ''))).toMatchObject({ exitCode: EXIT.UNAVAILABLE, hint: expect.stringContaining('PXXL_TIMEOUT_MS') });
    expect(describeFailure(new Error('boom'))).toBeNull();
  });
});
