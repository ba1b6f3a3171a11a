import { scopeSummary } from './key-output';

describe('scopes in a table cell', () => {
  it('shows every scope that fits', () => {
    expect(scopeSummary(['cdn:upload:web', 'usage:read'])).toBe('cdn:upload:web usage:read');
  });

  it('says how many more there are when they do not fit', () => {
    const admin = ['api_keys:read', 'api_keys:write', 'audit:read', 'billing:read', 'billing:write', 'cdn:read'];
    expect(scopeSummary(admin)).toBe('api_keys:read api_keys:write +4 more');
    expect(scopeSummary(admin).length).toBeLessThanOrEqual(40);
  });

  it('always shows the first scope, however long', () => {
    expect(scopeSummary(['a'.repeat(50), 'b'])).toBe(`${'a'.repeat(50)} +1 more`);
  });
});
