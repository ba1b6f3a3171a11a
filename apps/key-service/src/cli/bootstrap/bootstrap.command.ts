import { CommandBus } from '@nestjs/cqrs';
import { DEFAULT_WORKSPACE_ID } from '@pxxl/contracts';
import { BootstrapWorkspaceCommand, DomainError } from '../../keys';
import { withKeyService } from '../app-context';
import { acceptOnly, isOn, text } from '../args';
import type { CliCommand } from '../cli-command';
import { EXIT } from '../exit-codes';

export const bootstrapCommand: CliCommand = {
  help: `Usage: pxxl-keys bootstrap --workspace <id> [--force] [--json]

An admin command: creates the first admin key of a workspace and prints it
once. The key holds every scope of the catalog (or, when the workspace policy
has a scope allow-list, exactly that list): no key can grant more than it
holds, so the first key must hold everything the workspace will hand out. Use
it to create narrower keys, then keep it in a vault.

Talks to MongoDB and Kafka directly (MONGODB_URI, KAFKA_BROKERS). Refuses,
with exit code ${EXIT.ALREADY_BOOTSTRAPPED}, when the workspace already has an active admin key (an
unexpired, unrevoked key holding api_keys:write), unless --force is given.
Either way the creation is in the audit trail with actor "system"; a forced
one says in its description that another admin key was active.

Run it from the repository root (npx resolves the repository's own bin there;
elsewhere use "node <repo>/bin/pxxl-keys.js").

Example:
  npx pxxl-keys bootstrap --workspace default --json
  {"id":"AbCdEfGh12345678","key":"pxxl_AbCdEfGh12345678_..."}`,
  async run(args, io) {
    acceptOnly(args, ['workspace', 'force']);
    const workspace = text(args, 'workspace') ?? DEFAULT_WORKSPACE_ID;
    return withKeyService(async (app) => {
      try {
        const result = await app.get(CommandBus).execute(new BootstrapWorkspaceCommand(workspace, isOn(args, 'force')));
        if (isOn(args, 'json')) {
          io.stdout.write(JSON.stringify({ id: result.keyId, key: result.token }) + '\n');
        } else {
          io.stdout.write(
            [
              `Admin key for workspace "${workspace}" (shown once, copy it now):`,
              '',
              `  ${result.token}`,
              '',
              `id ${result.keyId}, scopes ${result.scopes.join(' ')}, expires ${result.expiresAt}`,
              result.projected ? '' : 'note: the read model is catching up; the key verifies within moments.',
            ].join('\n') + '\n',
          );
        }
        return EXIT.OK;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'WORKSPACE_ALREADY_BOOTSTRAPPED') {
          io.stderr.write(`pxxl-keys: ${error.message}\n`);
          return EXIT.ALREADY_BOOTSTRAPPED;
        }
        throw error;
      }
    });
  },
};
