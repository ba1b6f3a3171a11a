import { resolveRequiredScopes } from './require-scopes.decorator';

describe('resolveRequiredScopes', () => {
  it('keeps plain scopes as they are', () => {
    expect(resolveRequiredScopes(['deployments:read', 'projects:read'])).toEqual(['deployments:read', 'projects:read']);
  });

  it('fills resource placeholders from the route parameters', () => {
    expect(resolveRequiredScopes(['deployments:read:{project}'], { project: 'web-app' })).toEqual(['deployments:read:web-app']);
  });

  it('refuses a parameter that is missing or is not a resource name, so it cannot widen or mangle a scope', () => {
    expect(resolveRequiredScopes(['deployments:read:{project}'], {})).toBeNull();
    expect(resolveRequiredScopes(['deployments:read:{project}'], { project: 'web:admin' })).toBeNull();
    expect(resolveRequiredScopes(['deployments:read:{project}'], { project: '' })).toBeNull();
  });
});
