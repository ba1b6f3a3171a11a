import { Body, Controller, Delete, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { keyActor, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { DELETED_REASON } from '../../domain/api-key';
import { IfMatchRoute, parseIfMatch, KeyIdPipe, KeyIdRoute } from '../../http/key-route';
import { answerKeyChanged, KeyChangedResponse } from '../../http/key.response';
import { ManagementApi } from '../../http/management-api.decorator';
import { RevokeKeyCommand } from './revoke-key.command';
import { RevokeKeyRequestDto } from './revoke-key.request.dto';
import { AnswersErrors } from '@pxxl/http';

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
  @KeyIdRoute()
  @IfMatchRoute('key')
  @AnswersErrors('KEY_ALREADY_REVOKED')
  @ApiBody({ type: RevokeKeyRequestDto, required: false, description: 'optional: no body is the same as {}' })
  @ApiResponse({ status: 200, type: KeyChangedResponse })
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
  @KeyIdRoute()
  @IfMatchRoute('key')
  @AnswersErrors('KEY_ALREADY_REVOKED')
  @ApiResponse({ status: 200, type: KeyChangedResponse })
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
