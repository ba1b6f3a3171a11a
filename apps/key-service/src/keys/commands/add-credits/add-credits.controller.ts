import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { keyActor, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { AnswersErrors } from '@pxxl/http';
import { IfMatchRoute, parseIfMatch, KeyIdPipe, KeyIdRoute } from '../../http/key-route';
import { answerKeyChanged, KeyChangedResponse } from '../../http/key.response';
import { ManagementApi } from '../../http/management-api.decorator';
import { AddCreditsCommand } from './add-credits.command';
import { AddCreditsRequestDto } from './add-credits.request.dto';

@ApiTags('keys')
@ManagementApi()
@Controller('v1/keys')
export class AddCreditsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/usage')
  @HttpCode(200)
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({ operationId: 'KeysController_addCredits', summary: 'Top up the usage quota: more successful verifications in the current period (a KeyCreditsAdded event)' })
  @ApiResponse({ status: 200, type: KeyChangedResponse })
  @KeyIdRoute()
  @IfMatchRoute('key')
  @AnswersErrors('INVALID_LIMIT', 'NO_USAGE_QUOTA', 'KEY_REVOKED')
  async addCredits(
    @Param('id', KeyIdPipe) id: string,
    @Body() body: AddCreditsRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentKey() caller: VerifiedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commandBus.execute(new AddCreditsCommand(id, caller.workspaceId, keyActor(caller.keyId), body.amount, parseIfMatch(ifMatch)));
    return answerKeyChanged(result, reply);
  }
}
