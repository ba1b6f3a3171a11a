import { ADMIN_SCOPES } from '@pxxl/contracts';
import { checkGrant, disallowedScopes, escalatingScopes, grantCeiling, keyGrantor, resolveRequestedScopes, SYSTEM_GRANTOR } from './grant-rules';
import { DEFAULT_KEY_POLICY } from './workspace-policy';

const codeOf = (run: () => unknown) => {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('grant rules', () => {
  it('names exactly the scopes a key cannot hand out; the system is bounded by the catalog only', () => {
    const caller = keyGrantor(['cdn:upload', 'deployments:read:web', 'api_keys:write']);
    expect(escalatingScopes(caller, ['cdn:upload:docs', 'deployments:read:web', 'deployments:read', 'billing:write'])).toEqual([
      'deployments:read',
      'billing:write',
    ]);
    expect(escalatingScopes(SYSTEM_GRANTOR, ['billing:write'])).toEqual([]);
  });

  it('does not let write imply read', () => {
    expect(escalatingScopes(keyGrantor(['projects:write']), ['projects:read'])).toEqual(['projects:read']);
  });

  it('matches the allow-list like grants, and allows everything without one', () => {
    const policy = { ...DEFAULT_KEY_POLICY, scopeAllowList: ['api_keys:read', 'api_keys:write', 'cdn:upload:web'] };
    expect(disallowedScopes(policy, ['cdn:upload:web', 'cdn:upload', 'usage:read'])).toEqual(['cdn:upload', 'usage:read']);
    expect(disallowedScopes(DEFAULT_KEY_POLICY, ['billing:write'])).toEqual([]);
  });

  it('checks escalation before the allow-list', () => {
    const policy = { ...DEFAULT_KEY_POLICY, scopeAllowList: ['api_keys:read', 'api_keys:write'] };
    expect(codeOf(() => checkGrant(['billing:read'], keyGrantor(['api_keys:write']), policy))).toBe('SCOPE_ESCALATION');
    expect(codeOf(() => checkGrant(['billing:read'], SYSTEM_GRANTOR, policy))).toBe('SCOPE_NOT_ALLOWED');
    expect(codeOf(() => checkGrant(['api_keys:read'], keyGrantor(['api_keys:read']), policy))).toBeUndefined();
  });

  it('sets the bootstrap ceiling to the allow-list, else the whole catalog', () => {
    expect(grantCeiling(DEFAULT_KEY_POLICY)).toBe(ADMIN_SCOPES);
    expect(grantCeiling({ ...DEFAULT_KEY_POLICY, scopeAllowList: ['api_keys:read', 'api_keys:write'] })).toEqual(['api_keys:read', 'api_keys:write']);
  });

  it('resolves a request to sorted, de-duplicated explicit scopes', () => {
    expect(resolveRequestedScopes(['deployments:read', 'projects:read:web'], 'deployment-checks', 'web')).toEqual([
      'deployments:read',
      'deployments:read:web',
      'projects:read:web',
    ]);
    expect(codeOf(() => resolveRequestedScopes([]))).toBe('NO_SCOPES');
    expect(codeOf(() => resolveRequestedScopes(['nope']))).toBe('UNKNOWN_SCOPE');
  });
});
