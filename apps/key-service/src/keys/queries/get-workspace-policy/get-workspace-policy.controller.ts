import { Controller, Get, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { etag } from '../../http/key-route';
import { ManagementApi } from '../../http/management-api.decorator';
import { WorkspacePolicyResponse } from '../../http/workspace-policy.response';
import type { WorkspacePolicyView } from '../shared/workspace-policy-view';
import { GetWorkspacePolicyQuery } from './get-workspace-policy.query';

/** The key policy of the caller's workspace: enforced on every creation and rotation. */
@ApiTags('workspace policy')
@ManagementApi()
@Controller('v1/workspace/policy')
export class GetWorkspacePolicyController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @RequireScopes(SCOPES.API_KEYS_READ)
  @ApiOperation({ operationId: 'WorkspacePolicyController_get', summary: 'The workspace key policy (the defaults until changed)' })
  @ApiResponse({ status: 200, type: WorkspacePolicyResponse })
  async get(@CurrentKey() caller: VerifiedKey, @Res({ passthrough: true }) reply: FastifyReply): Promise<WorkspacePolicyView> {
    const policy = await this.queryBus.execute(new GetWorkspacePolicyQuery(caller.workspaceId));
    void reply.header('ETag', etag(policy.version));
    return policy;
  }
}
