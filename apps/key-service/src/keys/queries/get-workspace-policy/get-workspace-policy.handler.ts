import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PolicyLoader } from '../shared/policy-loader';
import { toWorkspacePolicyView, type WorkspacePolicyView } from '../shared/workspace-policy-view';
import { GetWorkspacePolicyQuery } from './get-workspace-policy.query';

/** Read from the event store, like the commands that enforce it: what GET shows is what is enforced. */
@QueryHandler(GetWorkspacePolicyQuery)
export class GetWorkspacePolicyHandler implements IQueryHandler<GetWorkspacePolicyQuery, WorkspacePolicyView> {
  constructor(private readonly policies: PolicyLoader) {}

  async execute(query: GetWorkspacePolicyQuery): Promise<WorkspacePolicyView> {
    return toWorkspacePolicyView(query.workspaceId, await this.policies.load(query.workspaceId));
  }
}
