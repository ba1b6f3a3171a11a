import type { PxxlClient } from '@pxxl/client';
import { acceptOnly, type ParsedArgs } from '../args';
import type { CliCommand } from '../cli-command';
import type { CliIo } from '../cli-io';
import { KEY_FLAGS, REMOTE_ENV_HELP, withClient } from './remote-session';

export interface RemoteCommandSpec {
  help: string;
  /** The flags this command takes (besides --help, --json and, with a key, --key-stdin/--key-file). */
  flags: readonly string[];
  /** The audit app rather than the key service. */
  audit?: boolean;
  /** false: the call needs no key of the caller's (verify, scopes). */
  key?: boolean;
  run(client: PxxlClient, args: ParsedArgs, io: CliIo): Promise<number>;
}

/** A command that talks to the service over HTTP, with PXXL_URL and the caller's key. */
export function remoteCommand(spec: RemoteCommandSpec): CliCommand {
  return {
    help: `${spec.help}\n\n${REMOTE_ENV_HELP}\n\nExit codes: "pxxl-keys --help" lists them.`,
    async run(args, io) {
      acceptOnly(args, spec.key === false ? spec.flags : [...spec.flags, ...KEY_FLAGS]);
      return withClient(args, io, { audit: spec.audit, key: spec.key }, (client) => spec.run(client, args, io));
    },
  };
}
