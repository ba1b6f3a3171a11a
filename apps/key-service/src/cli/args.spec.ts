import { acceptOnly, duration, list, parseArgs, UsageError } from './args';

describe('CLI arguments', () => {
  it('never lets a switch swallow the next word', () => {
    expect(parseArgs(['keys', 'get', '--json', 'k1'])).toMatchObject({ positional: ['keys', 'get', 'k1'], flags: { json: true } });
    expect(parseArgs(['keys', 'create', '--no-expiry', '--name', 'x'])).toMatchObject({ flags: { 'no-expiry': true, name: 'x' } });
  });

  it('keeps every value of a repeated flag, and splits them on commas', () => {
    const args = parseArgs(['--scope', 'a:b', '--scope=c:d,e:f']);
    expect(list(args, 'scope')).toEqual(['a:b', 'c:d', 'e:f']);
  });

  it('keeps an "=" inside an inline value', () => {
    expect(parseArgs(['--description=a=b']).flags.description).toBe('a=b');
  });

  it('refuses options a command does not take', () => {
    expect(() => acceptOnly(parseArgs(['--name', 'x', '--colour', 'red']), ['name'])).toThrow(new UsageError('unknown option --colour'));
    expect(() => acceptOnly(parseArgs(['--json', '--help']), [])).not.toThrow();
  });

  it('reads durations with a unit, and 0', () => {
    const seconds = (value: string) => duration(parseArgs(['--grace', value]), 'grace');
    expect([seconds('90d'), seconds('12h'), seconds('30m'), seconds('45s'), seconds('2w'), seconds('0')]).toEqual([7776000, 43200, 1800, 45, 1209600, 0]);
    expect(() => seconds('90')).toThrow(UsageError);
    expect(() => seconds('-1d')).toThrow(UsageError);
  });
});
