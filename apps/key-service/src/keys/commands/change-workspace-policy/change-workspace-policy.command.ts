import { Command } from '@nestjs/cqrs';
import type { ChangeWorkspacePolicy } from '../../domain/workspace-policy';
import type { WorkspacePolicyView } from '../../queries/shared/workspace-policy-view';

export class ChangeWorkspacePolicyCommand extends Command<WorkspacePolicyView> {
  constructor(
    readonly workspaceId: string,
    readonly actor: string,
    /** The new policy as a whole (PUT): a field left out takes its default. */
    readonly policy: Omit<ChangeWorkspacePolicy, 'type'>,
    /** From If-Match; undefined decides on the state loaded. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
