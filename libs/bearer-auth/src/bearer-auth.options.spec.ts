import { BearerAuthOptionsError, validateBearerAuthOptions, type BearerAuthOptions } from './bearer-auth.options';

function problemsOf(options: unknown): string[] {
  try {
    validateBearerAuthOptions(options as BearerAuthOptions);
    return [];
  } catch (error) {
    return (error as BearerAuthOptionsError).problems;
  }
}

const revocations = { brokers: ['127.0.0.1:9092'], serviceName: 'deploy-status' };

describe('validateBearerAuthOptions', () => {
  it('accepts a remote and a local configuration', () => {
    expect(problemsOf({ mode: 'remote', keyServiceUrl: 'http://key-service:3000', revocations })).toEqual([]);
    expect(problemsOf({ mode: 'local', bcryptCost: 10, revocations: false, cache: { maxStalenessMs: 2000 } })).toEqual([]);
  });

  it('names every bad option at once', () => {
    const problems = problemsOf({
      mode: 'remote',
      keyServiceUrl: 'key-service',
      timeoutMs: 0,
      cache: { ttlMs: -1 },
      revocations: { brokers: [], serviceName: 'no spaces' },
    });
    expect(problems).toEqual([
      expect.stringContaining('keyServiceUrl'),
      expect.stringContaining('timeoutMs'),
      expect.stringContaining('cache.ttlMs'),
      expect.stringContaining('revocations.brokers'),
      expect.stringContaining('revocations.serviceName'),
    ]);
  });

  it('requires a decision about the revocation listener, and a known mode', () => {
    expect(problemsOf({ mode: 'local', bcryptCost: 10 })).toEqual([expect.stringContaining('revocations')]);
    expect(problemsOf({ mode: 'cached', revocations: false })).toEqual([expect.stringContaining('mode')]);
  });
});
