import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { keyActor, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { keyGrantor } from '../../domain/grant-rules';
import { ManagementApi } from '../../http/management-api.decorator';
import { OwnerPipe, OwnerRoute } from '../../http/owner.pipe';
import { RotateOwnerKeysCommand } from './rotate-owner-keys.command';
import { RotateOwnerKeysRequestDto } from './rotate-owner-keys.request.dto';
import { OwnerKeysResponse } from './rotate-owner-keys.response';

/** 200 with one outcome per key; a key refused by its own rules is `failed` with its code, the others go on. */
@ApiTags('owners')
@ManagementApi()
@Controller('v1/owners')
export class RotateOwnerKeysController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':owner/rotate')
  @HttpCode(200)
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({ operationId: 'OwnersController_rotate', summary: 'Rotate every active key of an owner (optionally reassigning it first); every new secret is in this answer only' })
  @OwnerRoute()
  @ApiBody({ type: RotateOwnerKeysRequestDto, required: false, description: 'optional: no body is the same as {}' })
  @ApiResponse({ status: 200, type: OwnerKeysResponse })
  async rotate(
    @Param('owner', OwnerPipe) owner: string,
    @Body() body: RotateOwnerKeysRequestDto,
    @CurrentKey() caller: VerifiedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OwnerKeysResponse> {
    const result = await this.commandBus.execute(
      new RotateOwnerKeysCommand(caller.workspaceId, keyActor(caller.keyId), keyGrantor(caller.scopes), owner, {
        gracePeriodSeconds: body.gracePeriodSeconds,
        newOwner: body.newOwner,
        notRotatedSince: body.notRotatedSince === undefined ? undefined : new Date(body.notRotatedSince),
      }),
    );
    void reply.header('Cache-Control', 'no-store');
    return result;
  }
}
