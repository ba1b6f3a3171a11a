import { AuthErrors } from '@pxxl/bearer-auth';
import { ApiErrors, BrowserUseErrors } from '@pxxl/http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DashboardErrors } from '../apps/key-service/src/dashboard/http/dashboard-session.guard';
import { KeyErrors } from '../apps/key-service/src/keys/domain/api-key.errors';
import { ReviewErrors } from '../apps/key-service/src/reviews/domain/review.errors';

/** docs/api.md lists every error code the key service can answer with. */
describe('docs/api.md', () => {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'api.md'), 'utf8');
  const codesOf = (factories: Record<string, (...args: never[]) => { code: string }>) =>
    Object.values(factories).map((make) => make(...([['x'], ['x'], 2] as never[])).code);

  it.each([
    ['domain errors', codesOf(KeyErrors)],
    ['review errors', [...codesOf(ReviewErrors), 'INVALID_REVIEW_ID']],
    ['HTTP errors', codesOf(ApiErrors)],
    ['browser-use errors', codesOf(BrowserUseErrors)],
    ['dashboard errors', [...codesOf(DashboardErrors), 'INVALID_EXPIRY']],
    ['authentication errors', [...codesOf({ missing: AuthErrors.missing, badHeader: AuthErrors.badHeader, insufficientScope: AuthErrors.insufficientScope }), 'MALFORMED_TOKEN', 'INVALID_TOKEN', 'TOKEN_REVOKED', 'TOKEN_EXPIRED']],
    ['request errors', ['MISSING_KEY', 'INVALID_KEY_ID', 'INVALID_CURSOR', 'INVALID_IF_MATCH', 'CONCURRENT_MODIFICATION', 'INVALID_LEAK_REPORT', 'INVALID_WORKSPACE']],
  ])('names every code of the %s', (_kind, codes) => {
    for (const code of new Set(codes)) expect(doc).toContain(`\`${code}\``);
  });
});

describe('docs/api.md, edge errors', () => {
  it('names the codes answered before any route runs', () => {
    const doc = readFileSync(join(__dirname, '..', 'docs', 'api.md'), 'utf8');
    for (const code of ['JSON_TOO_DEEP', 'FORBIDDEN_PROPERTY', 'MALFORMED_HTTP_REQUEST', 'HEADERS_TOO_LARGE', 'REQUEST_TIMEOUT', 'MALFORMED_JSON']) {
      expect(doc).toContain(`\`${code}\``);
    }
  });
});
