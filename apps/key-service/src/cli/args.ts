/**
 * `--flag value`, `--flag=value`, repeatable flags and switches. Switches
 * never take the next word as their value, so `keys get --json <id>` means
 * what it says. Commands declare the flags they take; any other is refused.
 */
export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | true>;
  /** Every value a flag was given, in order (`--scope a --scope b`). */
  lists: Record<string, string[]>;
}

const SWITCHES = new Set(['help', 'json', 'force', 'no-expiry', 'key-stdin', 'all', 'no-rate-limit', 'no-usage-limit', 'no-allowed-ips']);

export class UsageError extends Error {}

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  const lists: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') {
      flags.help = true;
    } else if (arg.startsWith('--')) {
      const [name, inline] = splitOnce(arg.slice(2));
      let value: string | true;
      if (inline !== undefined) value = inline;
      else if (!SWITCHES.has(name) && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) value = argv[++i];
      else value = true;
      flags[name] = value;
      if (typeof value === 'string') (lists[name] ??= []).push(value);
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags, lists };
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf('=');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** Refuses flags the command does not take (`help` and `json` are always taken). */
export function acceptOnly(args: ParsedArgs, names: readonly string[]): void {
  const unknown = Object.keys(args.flags).filter((name) => name !== 'help' && name !== 'json' && !names.includes(name));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.map((name) => `--${name}`).join(', ')}`);
}

export function text(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  if (value === true) throw new UsageError(`--${name} needs a value`);
  return value;
}

export function integer(args: ParsedArgs, name: string): number | undefined {
  const value = text(args, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number`);
  return Number(value);
}

/** A repeatable flag, each value also split on commas: `--scope a,b --scope c`. */
export function list(args: ParsedArgs, name: string): string[] {
  if (args.flags[name] === true) throw new UsageError(`--${name} needs a value`);
  return (args.lists[name] ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
}

export const isOn = (args: ParsedArgs, name: string): boolean => args.flags[name] === true;

/** The one positional argument after the command words, e.g. the key id of `keys get <id>`. */
export function operand(args: ParsedArgs, words: number, what: string): string {
  const rest = args.positional.slice(words);
  if (rest.length === 0) throw new UsageError(`give the ${what}`);
  if (rest.length > 1) throw new UsageError(`expected one ${what}, got ${rest.length} arguments`);
  return rest[0];
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 7 * 86400 };

/** `90d`, `12h`, `30m`, `3600s`, `2w` (and `0`) as seconds. */
export function duration(args: ParsedArgs, name: string): number | undefined {
  const value = text(args, name);
  if (value === undefined) return undefined;
  if (value === '0') return 0;
  const match = /^(\d+)([smhdw])$/.exec(value);
  if (!match) throw new UsageError(`--${name} must be a number with a unit: s, m, h, d or w (e.g. 90d, 12h, 3600s)`);
  return Number(match[1]) * UNITS[match[2]];
}
