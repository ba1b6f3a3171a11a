import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, SYSTEM_ACTOR, WORKSPACE_ID_PATTERN, type Clock } from '@pxxl/contracts';
import { DomainError } from '../../domain/api-key.errors';
import { grantCeiling, SYSTEM_GRANTOR } from '../../domain/grant-rules';
import { KEY_DIRECTORY, type KeyDirectory } from '../../ports';
import { CreateKeyCommand } from '../create-key/create-key.command';
import type { CreateKeyResult } from '../create-key/create-key.result';
import { PolicyLoader } from '../../queries/shared/policy-loader';
import { BootstrapWorkspaceCommand } from './bootstrap-workspace.command';

const DAY_MS = 24 * 3600 * 1000;

export const BOOTSTRAP_DESCRIPTION = 'Created by bootstrap: use it to create narrower keys, then revoke or rotate it.';
export const FORCED_BOOTSTRAP_DESCRIPTION =
  'Created by bootstrap --force while another admin key of the workspace was active: check why a second admin key was needed.';

@CommandHandler(BootstrapWorkspaceCommand)
export class BootstrapWorkspaceHandler implements ICommandHandler<BootstrapWorkspaceCommand, CreateKeyResult> {
  constructor(
    @Inject(KEY_DIRECTORY) private readonly directory: KeyDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commandBus: CommandBus,
    private readonly policies: PolicyLoader,
  ) {}

  async execute(command: BootstrapWorkspaceCommand): Promise<CreateKeyResult> {
    if (!WORKSPACE_ID_PATTERN.test(command.workspaceId)) {
      throw new DomainError('INVALID_WORKSPACE', 'workspace ids are lowercase letters, digits and dashes (1-63)', {
        workspaceId: command.workspaceId.slice(0, 80),
      });
    }
    const adminActive = await this.directory.hasActiveAdminKey(command.workspaceId);
    if (adminActive && !command.force) {
      throw new DomainError('WORKSPACE_ALREADY_BOOTSTRAPPED', 'the workspace already has an active admin key; use --force to create another', {
        workspaceId: command.workspaceId,
      });
    }
    const { policy } = await this.policies.load(command.workspaceId);
    // The longest lifetime the policy allows, a minute short so the check never races the clock.
    const expiresAt = new Date(this.clock.now().getTime() + policy.maxLifetimeDays * DAY_MS - 60_000);
    return this.commandBus.execute(
      new CreateKeyCommand({
        workspaceId: command.workspaceId,
        actor: SYSTEM_ACTOR,
        grantor: SYSTEM_GRANTOR,
        name: 'Bootstrap admin key',
        // A forced bootstrap says so in its KeyCreated event: the audit trail shows it.
        description: adminActive ? FORCED_BOOTSTRAP_DESCRIPTION : BOOTSTRAP_DESCRIPTION,
        // Everything the workspace may ever grant: the whole catalog, or its allow-list.
        scopes: [...grantCeiling(policy)],
        expiresAt: expiresAt.toISOString(),
      }),
    );
  }
}
