import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { keyActor, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { keyGrantor } from '../../domain/grant-rules';
import { etag, KEY_IF_MATCH, parseIfMatch } from '../../http/if-match';
import { KeyIdPipe } from '../../http/key-id.pipe';
import { ErrorResponse } from '../../http/key.response';
import { ManagementApi } from '../../http/management-api.decorator';
import { RotateKeyCommand } from './rotate-key.command';
import { RotateKeyRequestDto } from './rotate-key.request.dto';
import { KeyRotatedResponse, keyRotatedResponse } from './rotate-key.response';

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
  @ApiHeader(KEY_IF_MATCH)
  @ApiResponse({ status: 200, type: KeyRotatedResponse })
  @ApiResponse({ status: 403, type: ErrorResponse, description: 'SCOPE_ESCALATION: the key holds scopes the caller’s key does not' })
  @ApiResponse({ status: 404, type: ErrorResponse })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'KEY_REVOKED, KEY_EXPIRED, CONCURRENT_MODIFICATION' })
  @ApiResponse({ status: 412, type: ErrorResponse, description: 'VERSION_MISMATCH' })
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
