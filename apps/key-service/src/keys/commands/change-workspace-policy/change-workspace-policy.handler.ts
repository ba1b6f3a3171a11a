import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@pxxl/contracts';
import { KeyErrors } from '../../domain/api-key.errors';
import { decidePolicy, evolvePolicy } from '../../domain/workspace-policy';
import { toWorkspacePolicyView, type WorkspacePolicyView } from '../../queries/shared/workspace-policy-view';
import { EventRecording } from '../shared/record-events';
import { PolicyLoader } from '../../queries/shared/policy-loader';
import { ChangeWorkspacePolicyCommand } from './change-workspace-policy.command';

/** Load, decide (pure), append WorkspacePolicyChanged: in force for the next creation or rotation. */
@CommandHandler(ChangeWorkspacePolicyCommand)
export class ChangeWorkspacePolicyHandler implements ICommandHandler<ChangeWorkspacePolicyCommand, WorkspacePolicyView> {
  constructor(
    private readonly policies: PolicyLoader,
    private readonly recording: EventRecording,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ChangeWorkspacePolicyCommand): Promise<WorkspacePolicyView> {
    const state = await this.policies.load(command.workspaceId);
    if (command.expectedVersion !== undefined && command.expectedVersion !== state.version) {
      throw KeyErrors.policyVersionMismatch(command.workspaceId, command.expectedVersion, state.version);
    }
    const decided = decidePolicy({ type: 'ChangeWorkspacePolicy', ...command.policy }, state);
    const { events } = await this.recording.recordPolicyEvents(decided, {
      workspaceId: command.workspaceId,
      expectedVersion: state.version,
      actor: command.actor,
      now: this.clock.now(),
    });
    return toWorkspacePolicyView(command.workspaceId, events.reduce(evolvePolicy, state));
  }
}
