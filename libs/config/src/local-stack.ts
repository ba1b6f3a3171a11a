import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

type Source = Record<string, string | undefined>;

/** Written by `npm start` (scripts/lib/local-stack.js) into its data folder while its own Kafka and FerretDB run. */
export const LOCAL_STACK_FILE = 'local-stack.json';

/** What an admin command may take from the local stack: the two addresses `npm start` gives its apps. */
export type StackVariable = 'KAFKA_BROKERS' | 'MONGODB_URI';
const SERVICE: Record<StackVariable, string> = { KAFKA_BROKERS: 'Kafka', MONGODB_URI: 'MongoDB' };

export interface LocalStack {
  /** The file it was read from, as the user would type it. */
  file: string;
  KAFKA_BROKERS: string;
  MONGODB_URI: string;
}

/** The checkout this code runs from: the nearest folder above with a package.json (dist/ has none). */
function checkoutRoot(from = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function isRunning(pid: unknown): boolean {
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The stack a running `npm start` recorded in PXXL_DATA_DIR, else in .data/ of this checkout; none once it stopped. */
export function findLocalStack(env: Source = process.env): LocalStack | undefined {
  const root = checkoutRoot();
  const dataDir = env.PXXL_DATA_DIR?.trim() || (root && join(root, '.data'));
  if (!dataDir) return undefined;
  const file = join(dataDir, LOCAL_STACK_FILE);
  let recorded: Partial<Record<StackVariable | 'pid', unknown>>;
  try {
    recorded = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const { KAFKA_BROKERS, MONGODB_URI, pid } = recorded;
  // A stack killed without its clean-up leaves the file behind: its pid is gone.
  if (typeof KAFKA_BROKERS !== 'string' || typeof MONGODB_URI !== 'string' || !isRunning(pid)) return undefined;
  return { file: relative(process.cwd(), file) || file, KAFKA_BROKERS, MONGODB_URI };
}

/** Never print a password from a connection string. */
const withoutCredentials = (address: string) => address.replace(/\/\/[^@/]*@/, '//<credentials>@');

/**
 * The environment an admin command runs with: each of `variables` as set, else taken from the stack
 * `npm start` runs here; `say` gets one line naming what the command talks to and why. A variable
 * neither set nor found stays unset, for the config reader to name.
 */
export function withLocalStack(env: Source, variables: readonly StackVariable[], say: (line: string) => void): Source {
  // A variable given as a file (MONGODB_URI_FILE) counts as set.
  const unset = variables.filter((name) => !env[name]?.trim() && !env[`${name}_FILE`]?.trim());
  const stack = unset.length > 0 ? findLocalStack(env) : undefined;
  const resolved: Source = { ...env };
  const named: string[] = [];
  for (const name of variables) {
    const value = unset.includes(name) ? stack?.[name] : env[name];
    if (!value) continue;
    resolved[name] = value;
    named.push(`${SERVICE[name]} ${withoutCredentials(value.trim())}${unset.includes(name) ? '' : ` (${name})`}`);
  }
  const fromStack = stack && unset.some((name) => resolved[name]) ? `, of the running npm start (${stack.file})` : '';
  if (named.length > 0) say(`pxxl-keys: talking to ${named.join(' and ')}${fromStack}\n`);
  return resolved;
}

/** Said when an admin command finds neither the variables nor a running `npm start`. */
export const LOCAL_STACK_HINT = `set KAFKA_BROKERS and MONGODB_URI, or run the command next to a running \`npm start\` (it records its Kafka and MongoDB in .data/${LOCAL_STACK_FILE})`;
