import { Inject, Injectable } from '@nestjs/common';
import { workspacePolicyStreamId, type WorkspaceEvent } from '@pxxl/contracts';
import { foldPolicy, type WorkspacePolicyState } from '../../domain/workspace-policy';
import { EVENT_STORE, type EventStore } from '../../ports';

/**
 * The workspace policy as the event store has it (no read model to lag):
 * folded from `policy:<workspaceId>:1…n` by `_id` lookups; the defaults when
 * the workspace never changed it. The commands that enforce the policy and the
 * query that shows it both read it here (queries never import commands).
 */
@Injectable()
export class PolicyLoader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(workspaceId: string): Promise<WorkspacePolicyState> {
    const events = await this.store.load(workspacePolicyStreamId(workspaceId));
    return foldPolicy(events.filter((e): e is WorkspaceEvent => e.type === 'WorkspacePolicyChanged'));
  }
}
