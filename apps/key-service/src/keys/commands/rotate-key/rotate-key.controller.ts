import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { keyActor, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { keyGrantor } from '../../domain/grant-rules';
import { etag, IfMatchRoute, parseIfMatch, KeyIdPipe, KeyIdRoute } from '../../http/key-route';
import { ManagementApi } from '../../http/management-api.decorator';
import { RotateKeyCommand } from './rotate-key.command';
import { RotateKeyRequestDto } from './rotate-key.request.dto';
import { KeyRotatedResponse, keyRotatedResponse } from './rotate-key.response';
import { AnswersErrors } from '@pxxl/http';

/** 200 once the new secret verifies; past READ_YOUR_WRITES_TIMEOUT_MS 202, consistency "pending". */
@ApiTags('keys')
@ManagementApi()
@Controller('v1/keys')
export class RotateKeyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/rotate')
  @HttpCode(200)
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({ operationId: 'KeysController_rotate', summary: 'New secret, same key; the old secret stops now or after the grace period' })
  @KeyIdRoute()
  @IfMatchRoute('key')
  @AnswersErrors('KEY_REVOKED', 'KEY_EXPIRED', 'INVALID_GRACE_PERIOD', 'SCOPE_ESCALATION', 'SCOPE_NOT_ALLOWED', 'EXPIRY_REQUIRED', 'EXPIRY_TOO_FAR')
  @ApiBody({ type: RotateKeyRequestDto, required: false, description: 'optional: no body is the same as {}' })
  @ApiResponse({ status: 200, type: KeyRotatedResponse })
  async rotate(
    @Param('id', KeyIdPipe) id: string,
    @Body() body: RotateKeyRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentKey() caller: VerifiedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.commandBus.execute(
      new RotateKeyCommand(id, caller.workspaceId, keyActor(caller.keyId), keyGrantor(caller.scopes), body.gracePeriodSeconds, parseIfMatch(ifMatch)),
    );
    void reply.status(result.projected ? 200 : 202).header('Cache-Control', 'no-store').header('ETag', etag(result.version));
    return keyRotatedResponse(result);
  }
}
