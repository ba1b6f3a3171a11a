import { readFileSync } from 'node:fs';

/**
 * Typed, validated configuration from environment variables. Every problem
 * is collected and reported at once, each naming its variable, so a bad
 * deployment fails at boot with a message an operator can act on.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | undefined>;

export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly source: Source = process.env) {}

  private raw(name: string): string | undefined {
    const value = this.source[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  private fail<T>(name: string, message: string, fallback: T): T {
    this.problems.push(`${name}: ${message}`);
    return fallback;
  }

  string(name: string, options: { default?: string; pattern?: RegExp; hint?: string } = {}): string {
    const value = this.raw(name) ?? options.default;
    if (value === undefined) return this.fail(name, `is required${options.hint ? ` (${options.hint})` : ''}`, '');
    if (options.pattern && !options.pattern.test(value)) {
      return this.fail(name, `must match ${options.pattern}${options.hint ? ` (${options.hint})` : ''}`, value);
    }
    return value;
  }

  int(name: string, options: { default?: number; min?: number; max?: number }): number {
    const raw = this.raw(name);
    if (raw === undefined) {
      return options.default ?? this.fail(name, 'is required', 0);
    }
    const value = Number(raw);
    if (!Number.isInteger(value)) return this.fail(name, `must be an integer, got "${raw.slice(0, 40)}"`, 0);
    if (options.min !== undefined && value < options.min) return this.fail(name, `must be >= ${options.min}`, value);
    if (options.max !== undefined && value > options.max) return this.fail(name, `must be <= ${options.max}`, value);
    return value;
  }

  list(name: string, options: { default?: string[]; itemPattern?: RegExp; hint?: string } = {}): string[] {
    const raw = this.raw(name);
    if (raw === undefined) {
      return options.default ?? this.fail(name, `is required${options.hint ? ` (${options.hint})` : ''}`, []);
    }
    const items = raw.split(',').map((item) => item.trim()).filter(Boolean);
    const bad = options.itemPattern ? items.filter((item) => !options.itemPattern!.test(item)) : [];
    if (items.length === 0 || bad.length > 0) {
      return this.fail(name, `is not a valid list${options.hint ? ` (${options.hint})` : ''}`, items);
    }
    return items;
  }

  /** `true`/`false` (also 1/0, yes/no). */
  bool(name: string, fallback: boolean): boolean {
    const raw = this.raw(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    return this.fail(name, 'must be true or false', fallback);
  }

  /** Whether the variable is set (to anything but blanks). */
  isSet(name: string): boolean {
    return this.raw(name) !== undefined;
  }

  /**
   * A secret: the variable itself, or the contents of the file `<name>_FILE` names (the
   * Docker-secrets convention; one trailing newline dropped). Problems never show the value.
   */
  secret(name: string, options: { required?: boolean; pattern?: RegExp; hint?: string } = {}): string | undefined {
    const fileVariable = `${name}_FILE`;
    const direct = this.raw(name);
    const file = this.raw(fileVariable);
    if (direct !== undefined && file !== undefined) return this.fail(name, `set either ${name} or ${fileVariable}, not both`, undefined);
    const value = file !== undefined ? this.readText(fileVariable, file)?.replace(/\r?\n$/, '') : direct;
    if (value === undefined || value === '') {
      if (options.required && (file === undefined || value === '')) {
        return this.fail(file === undefined ? name : fileVariable, `${file === undefined ? `is required (or ${fileVariable})` : 'names an empty file'}${options.hint ? ` (${options.hint})` : ''}`, undefined);
      }
      return undefined;
    }
    if (options.pattern && !options.pattern.test(value)) {
      return this.fail(file === undefined ? name : fileVariable, `must match ${options.pattern}${options.hint ? ` (${options.hint})` : ''}`, value);
    }
    return value;
  }

  /**
   * The contents of the file a variable names (a certificate, a key), or undefined when unset;
   * `check` answers what is wrong with the contents, if anything.
   */
  fileContents(name: string, check: (contents: string) => string | null = () => null): string | undefined {
    const file = this.raw(name);
    const contents = file === undefined ? undefined : this.readText(name, file);
    if (contents === undefined) return undefined;
    const problem = check(contents);
    return problem === null ? contents : this.fail(name, `${file}: ${problem}`, undefined);
  }

  /** Records a problem found by a check across several variables. */
  problem(name: string, message: string): void {
    this.fail(name, message, undefined);
  }

  private readText(name: string, file: string): string | undefined {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      return this.fail(name, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, undefined);
    }
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) return this.fail(name, `must be one of ${allowed.join(', ')}`, fallback);
    return raw as T;
  }

  /** Throws one ConfigError naming every bad variable, if any. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}

export function loadConfig<T>(build: (env: EnvReader) => T, source: Source = process.env): T {
  const reader = new EnvReader(source);
  const config = build(reader);
  reader.done();
  return config;
}
