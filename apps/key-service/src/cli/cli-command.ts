import type { ParsedArgs } from './args';
import type { CliIo } from './cli-io';

/** One command: its help (usage, what it does, an example) and its run, which answers the exit code. */
export interface CliCommand {
  help: string;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** Commands under one word (`keys list`, `audit verify`): the group's help lists them. */
export interface CommandGroup {
  help: string;
  subcommands: Record<string, () => Promise<CliCommand>>;
}
