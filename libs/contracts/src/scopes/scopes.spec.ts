import { ADMIN_SCOPES, CATALOG_SCOPE_PATTERN, findScope, SCOPE_CATALOG, validateScopes } from './catalog';
import { missingScopes, scopeSatisfies } from './matching';
import { expandPreset, SCOPE_PRESETS } from './presets';

describe('scope catalog', () => {
  it('covers every platform area of the seed, with the resource kind each can be narrowed to', () => {
    expect(SCOPE_CATALOG.map((s) => s.name)).toEqual([
      'deployments:read',
      'deployments:trigger',
      'projects:read',
      'projects:write',
      'domains:read',
      'domains:write',
      'cdn:read',
      'cdn:upload',
      'billing:read',
      'billing:write',
      'usage:read',
      'health:read',
      'api_keys:read',
      'api_keys:write',
      'audit:read',
      'keys:review',
    ]);
    expect(findScope('cdn:upload')?.resource).toBe('cdn_space');
    expect(findScope('deployments:trigger')?.resource).toBe('project');
    expect(findScope('domains:write')?.resource).toBe('domain');
    expect(findScope('billing:write')?.resource).toBeNull();
    expect(SCOPE_CATALOG.every((s) => s.description.length > 0)).toBe(true);
  });

  it('gives the admin key every catalog scope, unscoped', () => {
    expect(ADMIN_SCOPES).toEqual(SCOPE_CATALOG.map((s) => s.name));
  });

  it('accepts catalog scopes and resource qualifiers where the area takes one', () => {
    expect(validateScopes(['cdn:upload', 'cdn:upload:web-assets', 'projects:read:api.v2', 'domains:write:example.com', 'audit:read'])).toEqual({ unknown: [] });
  });

  it('names malformed scopes, unknown areas or actions, and qualifiers where none is taken', () => {
    const bad = ['cdn', 'CDN:upload', 'cdn:delete', 'compute:read', 'billing:read:acct', 'cdn:upload:', 'cdn:upload:-x', 'cdn:upload:a:b', 'cdn:upload:' + 'x'.repeat(65)];
    expect(validateScopes([...bad, 'usage:read'])).toEqual({ unknown: bad });
  });
});

describe('scope matching', () => {
  it.each([
    ['cdn:upload', 'cdn:upload', true],
    ['cdn:upload', 'cdn:upload:web', true],
    ['cdn:upload:web', 'cdn:upload:web', true],
    ['cdn:upload:web', 'cdn:upload:docs', false],
    ['cdn:upload:web', 'cdn:upload', false],
    ['cdn:upload', 'cdn:read:web', false],
    ['projects:write', 'projects:read', false],
    ['cdn:upload:web', 'cdn:upload:web-2', false],
  ])('grant %s satisfies %s: %s', (granted, required, expected) => {
    expect(scopeSatisfies(granted, required)).toBe(expected);
  });

  it('lists the requirements no grant satisfies', () => {
    expect(missingScopes(['cdn:upload:web', 'usage:read'], ['cdn:upload:web', 'cdn:upload:docs', 'usage:read'])).toEqual(['cdn:upload:docs']);
  });
});

describe('scope presets', () => {
  it('offers the four seed patterns', () => {
    expect(SCOPE_PRESETS.map((p) => [p.name, p.scopes])).toEqual([
      ['deployment-checks', ['deployments:read', 'projects:read']],
      ['cdn-uploader', ['cdn:upload', 'cdn:read']],
      ['internal-automation', []],
      ['monitoring', ['health:read', 'usage:read', 'deployments:read']],
    ]);
    for (const preset of SCOPE_PRESETS) expect(validateScopes(preset.scopes)).toEqual({ unknown: [] });
  });

  it('expands a preset, narrowing the scopes of its resource kind to the given resource', () => {
    expect(expandPreset('cdn-uploader')).toEqual({ ok: true, scopes: ['cdn:upload', 'cdn:read'] });
    expect(expandPreset('cdn-uploader', 'web')).toEqual({ ok: true, scopes: ['cdn:upload:web', 'cdn:read:web'] });
    expect(expandPreset('deployment-checks', 'api')).toEqual({ ok: true, scopes: ['deployments:read:api', 'projects:read:api'] });
  });

  it('refuses unknown presets, resources on presets without a kind, and malformed resources', () => {
    expect(expandPreset('admin')).toEqual({ ok: false, reason: 'UNKNOWN_PRESET' });
    expect(expandPreset('monitoring', 'web')).toEqual({ ok: false, reason: 'RESOURCE_NOT_ACCEPTED' });
    expect(expandPreset('cdn-uploader', 'a b')).toEqual({ ok: false, reason: 'INVALID_RESOURCE' });
  });
});

describe('CATALOG_SCOPE_PATTERN (the contract of every scope a request carries)', () => {
  const samples = [
    ...SCOPE_CATALOG.map((s) => s.name),
    ...SCOPE_CATALOG.map((s) => `${s.name}:web`),
    ...SCOPE_CATALOG.map((s) => `${s.name}:`),
    ...SCOPE_CATALOG.map((s) => `${s.name}:${'x'.repeat(65)}`),
    'usage', 'USAGE:READ', 'a:b', 'a:b:c:d', '', 'api_keys:read ', '\u000b\u0015', 'cdn:upload:-web', 'cdn:upload:web.v2_x-1',
  ];

  it.each(samples)('accepts %j exactly when validateScopes does', (scope) => {
    expect(CATALOG_SCOPE_PATTERN.test(scope)).toBe(validateScopes([scope]).unknown.length === 0);
  });
});
