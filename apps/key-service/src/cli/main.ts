import 'reflect-metadata';
import { ConfigError } from '@pxxl/config';
import { parseArgs, UsageError } from './args';
import { BOOTSTRAP_HELP, bootstrapCommand } from './bootstrap.command';
import { PROJECTIONS_HELP, projectionsCommand } from './projections.command';

const HELP = `Usage: pxxl-keys <command> [options]

Commands:
  bootstrap                 create the first admin key of a workspace
  projections reconcile     compare the verification read model with the event store
  projections rebuild       rebuild the verification read model from the event log

Run "pxxl-keys <command> --help" for a command's options and an example.
Exit codes: 0 ok, 1 failure, 2 usage error, 3 refused (already bootstrapped), 4 differences found, 78 bad configuration.`;

const COMMANDS: Record<string, { help: string; run: (args: ReturnType<typeof parseArgs>) => Promise<number> }> = {
  bootstrap: { help: BOOTSTRAP_HELP, run: bootstrapCommand },
  projections: { help: PROJECTIONS_HELP, run: projectionsCommand },
};

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const [name] = args.positional;
  if (!name || name === 'help' || (args.flags.help && !name)) {
    process.stdout.write(HELP + '\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  if (args.flags.help) {
    process.stdout.write(command.help + '\n');
    return 0;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`pxxl-keys: ${error.message}\n${HELP}\n`);
      process.exit(2);
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`pxxl-keys: ${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`pxxl-keys: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
