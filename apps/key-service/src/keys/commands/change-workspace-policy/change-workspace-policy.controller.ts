import { Body, Controller, Headers, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { keyActor, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { etag, IfMatchRoute, parseIfMatch } from '../../http/key-route';
import { ManagementApi } from '../../http/management-api.decorator';
import { WorkspacePolicyResponse } from '../../http/workspace-policy.response';
import type { WorkspacePolicyView } from '../../queries/shared/workspace-policy-view';
import { ChangeWorkspacePolicyCommand } from './change-workspace-policy.command';
import { WorkspacePolicyRequestDto } from './change-workspace-policy.request.dto';
import { AnswersErrors } from '@pxxl/http';

/** Replaces the caller's workspace policy as a whole; the next creation or rotation enforces it. */
@ApiTags('workspace policy')
@ManagementApi()
@Controller('v1/workspace/policy')
export class ChangeWorkspacePolicyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put()
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({
    operationId: 'WorkspacePolicyController_put',
    summary: 'Replace the workspace key policy (recorded as WorkspacePolicyChanged); fields left out take their defaults',
  })
  @IfMatchRoute('policy')
  @AnswersErrors('INVALID_POLICY', 'UNKNOWN_SCOPE')
  @ApiResponse({ status: 200, type: WorkspacePolicyResponse })
  async put(
    @Body() body: WorkspacePolicyRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentKey() caller: VerifiedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WorkspacePolicyView> {
    const policy = await this.commandBus.execute(
      new ChangeWorkspacePolicyCommand(caller.workspaceId, keyActor(caller.keyId), { ...body }, parseIfMatch(ifMatch)),
    );
    void reply.header('ETag', etag(policy.version));
    return policy;
  }
}
