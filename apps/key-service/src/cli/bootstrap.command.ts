import { CommandBus } from '@nestjs/cqrs';
import { DEFAULT_WORKSPACE_ID } from '@pxxl/contracts';
import { BootstrapWorkspaceCommand } from '../keys/commands/bootstrap-workspace/bootstrap-workspace.command';
import { DomainError } from '../keys/domain/api-key.errors';
import { withKeyService } from './app-context';
import type { ParsedArgs } from './args';

export const BOOTSTRAP_HELP = `Usage: pxxl-keys bootstrap --workspace <id> [--force] [--json]

Creates the first admin key of a workspace (scopes api_keys:read, api_keys:write,
audit:read) and prints it once. Talks to MongoDB and Kafka directly
(MONGODB_URI, KAFKA_BROKERS). Refuses, with exit code 3, when the workspace
already has an active admin key, unless --force is given; either way the
creation is recorded in the audit trail with actor "system".

Example:
  pxxl-keys bootstrap --workspace default --json
  {"id":"AbCdEfGh12345678","key":"pxxl_AbCdEfGh12345678_..."}`;

export const EXIT_ALREADY_BOOTSTRAPPED = 3;

export async function bootstrapCommand(args: ParsedArgs): Promise<number> {
  const workspace = typeof args.flags.workspace === 'string' ? args.flags.workspace : DEFAULT_WORKSPACE_ID;
  return withKeyService(async (app) => {
    try {
      const result = await app.get(CommandBus).execute(new BootstrapWorkspaceCommand(workspace, args.flags.force === true));
      if (args.flags.json === true) {
        process.stdout.write(JSON.stringify({ id: result.keyId, key: result.token }) + '\n');
      } else {
        process.stdout.write(
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
      return 0;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'WORKSPACE_ALREADY_BOOTSTRAPPED') {
        process.stderr.write(`pxxl-keys: ${error.message}\n`);
        return EXIT_ALREADY_BOOTSTRAPPED;
      }
      throw error;
    }
  });
}
