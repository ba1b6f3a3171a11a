import { Query } from '@nestjs/cqrs';
import type { WorkspacePolicyView } from '../shared/workspace-policy-view';

export class GetWorkspacePolicyQuery extends Query<WorkspacePolicyView> {
  constructor(readonly workspaceId: string) {
    super();
  }
}
