import { Body, Controller, Delete, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { keyActor, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { DELETED_REASON } from '../../domain/api-key';
import { KEY_IF_MATCH, parseIfMatch } from '../../http/if-match';
import { KeyIdPipe } from '../../http/key-id.pipe';
import { answerKeyChanged, ErrorResponse, KeyChangedResponse } from '../../http/key.response';
import { ManagementApi } from '../../http/management-api.decorator';
import { RevokeKeyCommand } from './revoke-key.command';
import { RevokeKeyRequestDto } from './revoke-key.request.dto';

/** Revoke and delete: both revoke the key; delete records the reason that hides it from the default listing. */
@ApiTags('keys')
@ManagementApi()
@Controller('v1/keys')
export class RevokeKeyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/revoke')
  @HttpCode(200)
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({ operationId: 'KeysController_revoke', summary: 'Revoke: the key stops verifying when this call returns' })
  @ApiHeader(KEY_IF_MATCH)
  @ApiResponse({ status: 200, type: KeyChangedResponse })
  @ApiResponse({ status: 404, type: ErrorResponse })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'KEY_ALREADY_REVOKED, CONCURRENT_MODIFICATION' })
  @ApiResponse({ status: 412, type: ErrorResponse, description: 'VERSION_MISMATCH' })
  async revoke(
    @Param('id', KeyIdPipe) id: string,
    @Body() body: RevokeKeyRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentKey() caller: VerifiedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commandBus.execute(new RevokeKeyCommand(id, caller.workspaceId, keyActor(caller.keyId), body.reason, parseIfMatch(ifMatch)));
    return answerKeyChanged(result, reply);
  }

  @Delete(':id')
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({
    operationId: 'KeysController_remove',
    summary: 'Delete a key no longer in use: revokes it (reason "deleted") and hides it from the default listing',
  })
  @ApiHeader(KEY_IF_MATCH)
  @ApiResponse({ status: 200, type: KeyChangedResponse })
  @ApiResponse({ status: 404, type: ErrorResponse })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'KEY_ALREADY_REVOKED' })
  @ApiResponse({ status: 412, type: ErrorResponse, description: 'VERSION_MISMATCH' })
  async remove(
    @Param('id', KeyIdPipe) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentKey() caller: VerifiedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commandBus.execute(new RevokeKeyCommand(id, caller.workspaceId, keyActor(caller.keyId), DELETED_REASON, parseIfMatch(ifMatch)));
    return answerKeyChanged(result, reply);
  }
}
