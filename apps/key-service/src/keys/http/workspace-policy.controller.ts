import { Body, Controller, Get, Headers, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { keyActor, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { ChangeWorkspacePolicyCommand } from '../commands/change-workspace-policy/change-workspace-policy.command';
import { GetWorkspacePolicyQuery } from '../queries/get-workspace-policy/get-workspace-policy.query';
import type { WorkspacePolicyView } from '../queries/shared/workspace-policy-view';
import { etag, parseIfMatch } from './if-match';
import { ErrorResponse } from './key.response';
import { ManagementApi } from './management-api.decorator';
import { WorkspacePolicyRequestDto } from './workspace-policy.request.dto';

export class WorkspacePolicyResponse {
  @ApiProperty({ example: 'default' }) workspaceId!: string;
  @ApiProperty({ example: 365 }) maxLifetimeDays!: number;
  @ApiProperty({ example: false }) allowNonExpiring!: boolean;
  @ApiProperty({ example: 604800 }) maxGracePeriodSeconds!: number;
  @ApiProperty({ nullable: true, type: [String], description: 'null: the whole catalog' }) scopeAllowList!: string[] | null;
  @ApiProperty({ example: 2, description: 'also the ETag; 0 while the defaults apply' }) version!: number;
  @ApiProperty({ nullable: true, type: String }) changedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'key:AdminKeyId000001' }) changedBy!: string | null;
}

/** The key policy of the caller's workspace: enforced on every creation and rotation. */
@ApiTags('workspace policy')
@ManagementApi()
@Controller('v1/workspace/policy')
export class WorkspacePolicyController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get()
  @RequireScopes(SCOPES.API_KEYS_READ)
  @ApiOperation({ summary: 'The workspace key policy (the defaults until changed)' })
  @ApiResponse({ status: 200, type: WorkspacePolicyResponse })
  async get(@CurrentKey() caller: VerifiedKey, @Res({ passthrough: true }) reply: FastifyReply): Promise<WorkspacePolicyView> {
    const policy = await this.queryBus.execute(new GetWorkspacePolicyQuery(caller.workspaceId));
    void reply.header('ETag', etag(policy.version));
    return policy;
  }

  @Put()
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({ summary: 'Replace the workspace key policy (recorded as WorkspacePolicyChanged); fields left out take their defaults' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'the policy’s ETag (its version); a stale one answers 412' })
  @ApiResponse({ status: 200, type: WorkspacePolicyResponse })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'INVALID_POLICY, UNKNOWN_SCOPE, VALIDATION_FAILED, MALFORMED_JSON' })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'CONCURRENT_MODIFICATION' })
  @ApiResponse({ status: 412, type: ErrorResponse, description: 'VERSION_MISMATCH' })
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
