import { Body, Controller, Headers, Param, Patch, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { keyActor, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { IfMatchRoute, parseIfMatch, KeyIdPipe, KeyIdRoute } from '../../http/key-route';
import { answerKeyChanged, KeyChangedResponse } from '../../http/key.response';
import { ManagementApi } from '../../http/management-api.decorator';
import { limitsOf } from '../../http/key-limits.dto';
import { UpdateKeyCommand } from './update-key.command';
import { UpdateKeyRequestDto } from './update-key.request.dto';
import { AnswersErrors } from '@pxxl/http';

@ApiTags('keys')
@ManagementApi()
@Controller('v1/keys')
export class UpdateKeyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Patch(':id')
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({ operationId: 'KeysController_update', summary: 'Change name, description or limits (rate limit, usage quota, IP allow-list)' })
  @KeyIdRoute()
  @IfMatchRoute('key')
  @AnswersErrors('INVALID_NAME', 'INVALID_DESCRIPTION', 'NOTHING_TO_UPDATE', 'KEY_REVOKED', 'INVALID_LIMIT', 'LIMIT_NOT_ALLOWED', 'INVALID_OWNER', 'OWNER_REQUIRED')
  @ApiResponse({ status: 200, type: KeyChangedResponse })
  async update(
    @Param('id', KeyIdPipe) id: string,
    @Body() body: UpdateKeyRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentKey() caller: VerifiedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const changes = { name: body.name, description: body.description, limits: limitsOf(body), owner: body.owner };
    const result = await this.commandBus.execute(new UpdateKeyCommand(id, caller.workspaceId, keyActor(caller.keyId), changes, parseIfMatch(ifMatch)));
    return answerKeyChanged(result, reply);
  }
}
