import type { KeyPolicy, WorkspacePolicyState } from '../../domain/workspace-policy';

/** The workspace policy as the API shows it; `version` 0 means the defaults were never changed. */
export interface WorkspacePolicyView extends KeyPolicy {
  workspaceId: string;
  version: number;
  changedAt: string | null;
  changedBy: string | null;
}

export function toWorkspacePolicyView(workspaceId: string, state: WorkspacePolicyState): WorkspacePolicyView {
  return { workspaceId, ...state.policy, version: state.version, changedAt: state.changedAt, changedBy: state.changedBy };
}
