import { fields, table, when } from './table';

describe('CLI tables', () => {
  it('aligns columns to the widest cell and leaves no trailing spaces', () => {
    expect(table(['ID', 'NAME', 'STATUS'], [['a', 'CDN uploader', 'active'], ['bbbb', 'x', '']])).toBe(
      ['ID    NAME          STATUS', 'a     CDN uploader  active', 'bbbb  x'].join('\n') + '\n',
    );
  });

  it('prints just the header for an empty list', () => {
    expect(table(['ID', 'NAME'], [])).toBe('ID  NAME\n');
  });

  it('shows dates to the minute in UTC, and a fallback for none', () => {
    expect(when('2027-01-31T12:34:56.789Z')).toBe('2027-01-31 12:34Z');
    expect(when(null, 'never')).toBe('never');
  });

  it('aligns field names', () => {
    expect(fields([['id', 'k1'], ['expires', 'never']])).toBe('id:       k1\nexpires:  never\n');
  });
});
