import { ConfigError, LOCAL_STACK_HINT } from '@pxxl/config';
import { parseArgs, UsageError, type ParsedArgs } from './args';
import type { CliCommand, CommandGroup } from './cli-command';
import type { CliIo } from './cli-io';
import { EXIT, EXIT_CODES_HELP } from './exit-codes';
import { describeFailure, type Failure } from './remote/api-failure';
import { REMOTE_ENV_HELP } from './remote/remote-session';

export const HELP = `Usage: pxxl-keys <command> [options]

Remote commands, over the HTTP API (PXXL_URL, PXXL_API_KEY):
  keys list|get|create|update|rotate|revoke   manage your workspace's keys
  keys usage|top-up           a key's verifications per day; more of its usage quota
  owners rotate|revoke        every active key of an owner, when someone leaves
  verify                      check a key (read from stdin), optionally for scopes
  scopes                      the scope catalog and its presets
  check-format                which candidate keys (stdin) pass the offline checksum
  audit export|verify|review  the audit trail, for compliance reviewers (PXXL_AUDIT_URL)
  review open|list|show|decide|apply|sign-off|attestation   review campaigns

Admin commands, on the store and the broker (MONGODB_URI, KAFKA_BROKERS; unset,
those of the \`npm start\` running here):
  bootstrap                   create the first admin key of a workspace
  audit reconcile             compare the event store with the audit trail
  projections reconcile       compare the verification read model with the event store
  projections rebuild         rebuild the verification read model from the event log

Every command takes --help (its options and an example) and --json (output
for scripts). Tables and messages are for people; a new key is printed alone
on stdout, once.

${REMOTE_ENV_HELP}

${EXIT_CODES_HELP}

Example:
  export PXXL_URL=http://127.0.0.1:3000
  export PXXL_API_KEY="$(cat ~/.pxxl/admin-key)"     # never the key itself as an argument
  pxxl-keys keys create --name "CDN uploader" --scope cdn:upload:web --expires-in 30d
  pxxl-keys keys list --status active`;

const COMMANDS: Record<string, () => Promise<CliCommand | CommandGroup>> = {
  keys: async () => (await import('./keys/keys.group')).keysGroup,
  owners: async () => (await import('./owners/owners.group')).ownersGroup,
  verify: async () => (await import('./verify/verify.command')).verifyCommand,
  scopes: async () => (await import('./scopes/scopes.command')).scopesCommand,
  'check-format': async () => (await import('./check-format/check-format.command')).checkFormatCommand,
  audit: async () => (await import('./audit/audit.group')).auditGroup,
  review: async () => (await import('./review/review.group')).reviewGroup,
  // Admin commands load the key service itself: only when run.
  bootstrap: async () => (await import('./bootstrap/bootstrap.command')).bootstrapCommand,
  projections: async () => (await import('./projections/projections.group')).projectionsGroup,
};

/** A full key, or most of one: refused wherever it appears on the command line. */
const KEY_LIKE = /pxxl_[0-9A-Za-z]{16}_[0-9A-Za-z]{12,}/;

/** Never echo a key, whatever a message quotes. */
const redact = (text: string) => text.replace(new RegExp(KEY_LIKE.source, 'g'), 'pxxl_<redacted>');

const isGroup = (entry: CliCommand | CommandGroup): entry is CommandGroup => 'subcommands' in entry;

/** The command the words name, and how many words named it; usage errors for unknown words. */
async function resolve(args: ParsedArgs): Promise<{ command?: CliCommand; help: string; words: string }> {
  const [name, sub] = args.positional;
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) throw new UsageError(`unknown command "${name}"`, { cause: 'top' });
  const entry = await load();
  if (!isGroup(entry)) return { command: entry, help: entry.help, words: name };
  if (sub === undefined) return { help: entry.help, words: name };
  const loadSub = Object.hasOwn(entry.subcommands, sub) ? entry.subcommands[sub] : undefined;
  if (!loadSub) throw new UsageError(`unknown ${name} subcommand "${sub}": use ${Object.keys(entry.subcommands).join(', ')}`, { cause: name });
  const command = await loadSub();
  return { command, help: command.help, words: `${name} ${sub}` };
}

/** An admin command that found neither its variables nor a running `npm start` says how to give either. */
const stackHint = (error: ConfigError) => (error.problems.some((problem) => /^(KAFKA_BROKERS|MONGODB_URI): is required/.test(problem)) ? LOCAL_STACK_HINT : undefined);

function report(io: CliIo, json: boolean, failure: Failure): number {
  if (json) {
    const { exitCode, message, hint, api } = failure;
    io.stderr.write(redact(JSON.stringify({ error: { exitCode, message, hint, ...api } })) + '\n');
  } else {
    io.stderr.write(redact(`pxxl-keys: ${failure.message}\n${failure.hint ? `${failure.hint.replace(/^/gm, '  ')}\n` : ''}`));
  }
  return failure.exitCode;
}

/** Runs one CLI invocation and answers its exit code; never exits the process itself. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let json = false;
  let words = '';
  try {
    if (argv.some((arg) => KEY_LIKE.test(arg))) {
      throw new UsageError(
        'a key on the command line stays in your shell history and shows in the process list: give yours in PXXL_API_KEY (or --key-stdin), ' +
          'and a key to check on stdin ("pxxl-keys verify < key.txt"). If that command line was saved somewhere, rotate the key.',
      );
    }
    const args = parseArgs(argv);
    json = args.flags.json === true;
    if (args.positional[0] === 'help') args.positional.shift();
    if (args.positional.length === 0) {
      io.stdout.write(HELP + '\n');
      return argv.includes('help') || args.flags.help === true ? EXIT.OK : EXIT.USAGE;
    }
    const { command, help, words: named } = await resolve(args);
    words = named;
    if (!command || args.flags.help === true || argv[0] === 'help') {
      io.stdout.write(help + '\n');
      return command || args.flags.help === true || argv[0] === 'help' ? EXIT.OK : EXIT.USAGE;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const where = words || (typeof error.cause === 'string' && error.cause !== 'top' ? error.cause : '');
      return report(io, json, { exitCode: EXIT.USAGE, message: error.message, hint: `"pxxl-keys ${where ? `${where} ` : ''}--help" shows the usage` });
    }
    if (error instanceof ConfigError) return report(io, json, { exitCode: EXIT.CONFIG, message: error.message, hint: stackHint(error) });
    const failure = describeFailure(error);
    if (failure) return report(io, json, failure);
    return report(io, json, { exitCode: EXIT.FAILURE, message: error instanceof Error ? error.message : String(error) });
  }
}
