import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ADMIN_SCOPES, CLOCK, SYSTEM_ACTOR, WORKSPACE_ID_PATTERN, type Clock } from '@pxxl/contracts';
import { DEFAULT_KEY_POLICY } from '../../domain/api-key';
import { DomainError } from '../../domain/api-key.errors';
import { KEY_DIRECTORY, type KeyDirectory } from '../../ports';
import { CreateKeyCommand } from '../create-key/create-key.command';
import type { CreateKeyResult } from '../create-key/create-key.result';
import { BootstrapWorkspaceCommand } from './bootstrap-workspace.command';

const DAY_MS = 24 * 3600 * 1000;

@CommandHandler(BootstrapWorkspaceCommand)
export class BootstrapWorkspaceHandler implements ICommandHandler<BootstrapWorkspaceCommand, CreateKeyResult> {
  constructor(
    @Inject(KEY_DIRECTORY) private readonly directory: KeyDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commandBus: CommandBus,
  ) {}

  async execute(command: BootstrapWorkspaceCommand): Promise<CreateKeyResult> {
    if (!WORKSPACE_ID_PATTERN.test(command.workspaceId)) {
      throw new DomainError('INVALID_WORKSPACE', 'workspace ids are lowercase letters, digits and dashes (1-63)', {
        workspaceId: command.workspaceId.slice(0, 80),
      });
    }
    if (!command.force && (await this.directory.hasActiveAdminKey(command.workspaceId))) {
      throw new DomainError('WORKSPACE_ALREADY_BOOTSTRAPPED', 'the workspace already has an active admin key; use --force to create another', {
        workspaceId: command.workspaceId,
      });
    }
    // The longest lifetime the default policy allows, a minute short so the check never races the clock.
    const expiresAt = new Date(this.clock.now().getTime() + DEFAULT_KEY_POLICY.maxLifetimeDays * DAY_MS - 60_000);
    return this.commandBus.execute(
      new CreateKeyCommand(
        command.workspaceId,
        SYSTEM_ACTOR,
        'Bootstrap admin key',
        'Created by bootstrap: use it to create narrower keys, then revoke or rotate it.',
        [...ADMIN_SCOPES],
        expiresAt.toISOString(),
      ),
    );
  }
}
