import { ConfigError } from '@pxxl/config';
import { parseArgs, UsageError, type ParsedArgs } from './args';
import { AUDIT_HELP, auditCommand, EXIT_NOT_INTACT } from './audit.command';
import { BOOTSTRAP_HELP, bootstrapCommand, EXIT_ALREADY_BOOTSTRAPPED } from './bootstrap.command';
import type { CliIo } from './cli-io';
import { PROJECTIONS_HELP, projectionsCommand } from './projections.command';

export const HELP = `Usage: pxxl-keys <command> [options]

Commands:
  bootstrap                 create the first admin key of a workspace
  audit                     export, verify and review the audit trail; reconcile it with the event store
  projections reconcile     compare the verification read model with the event store
  projections rebuild       rebuild the verification read model from the event log

Run "pxxl-keys <command> --help" for a command's options and an example.
Exit codes: 0 ok, 1 failure, 2 usage error, ${EXIT_ALREADY_BOOTSTRAPPED} refused (already bootstrapped),
${EXIT_NOT_INTACT} differences found (audit trail not intact or not complete, read model not in step),
78 bad configuration.`;

const COMMANDS: Record<string, { help: string; run: (args: ParsedArgs, io: CliIo) => Promise<number> }> = {
  bootstrap: { help: BOOTSTRAP_HELP, run: (args) => bootstrapCommand(args) },
  audit: { help: AUDIT_HELP, run: auditCommand },
  projections: { help: PROJECTIONS_HELP, run: (args) => projectionsCommand(args) },
};

/** Runs one CLI invocation and answers its exit code; never exits the process itself. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    const [name] = args.positional;
    if (!name || name === 'help' || (args.flags.help && !name)) {
      io.stdout.write(HELP + '\n');
      return name ? 0 : 2;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}"`);
    if (args.flags.help && args.positional.length === 1) {
      io.stdout.write(command.help + '\n');
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`pxxl-keys: ${error.message}\n${HELP}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`pxxl-keys: ${error.message}\n`);
      return 78;
    }
    io.stderr.write(`pxxl-keys: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
