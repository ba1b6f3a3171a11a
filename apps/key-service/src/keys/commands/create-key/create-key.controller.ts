import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { keyActor, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { keyGrantor } from '../../domain/grant-rules';
import { etag } from '../../http/if-match';
import { ErrorResponse, KeyCreatedResponse, keyCreatedResponse } from '../../http/key.response';
import { ManagementApi } from '../../http/management-api.decorator';
import { CreateKeyCommand } from './create-key.command';
import { limitsOf } from '../../http/key-limits.dto';
import { CreateKeyRequestDto } from './create-key.request.dto';

/** 201 once the key verifies; past READ_YOUR_WRITES_TIMEOUT_MS 202, consistency "pending". */
@ApiTags('keys')
@ManagementApi()
@Controller('v1/keys')
export class CreateKeyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({ operationId: 'KeysController_create', summary: 'Create a key; the plaintext key is in this response only' })
  @ApiResponse({ status: 201, type: KeyCreatedResponse })
  @ApiResponse({ status: 202, type: KeyCreatedResponse, description: 'created; verifies moments later' })
  @ApiResponse({ status: 403, type: ErrorResponse, description: 'SCOPE_ESCALATION: scopes the caller’s own key does not hold' })
  async create(@Body() body: CreateKeyRequestDto, @CurrentKey() caller: VerifiedKey, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.commandBus.execute(
      new CreateKeyCommand({
        workspaceId: caller.workspaceId,
        actor: keyActor(caller.keyId),
        grantor: keyGrantor(caller.scopes),
        name: body.name,
        description: body.description,
        scopes: body.scopes,
        preset: body.preset,
        presetResource: body.presetResource,
        expiresAt: body.expiresAt,
        limits: limitsOf(body),
      }),
    );
    void reply.status(result.projected ? 201 : 202).header('Cache-Control', 'no-store').header('ETag', etag(result.version));
    return keyCreatedResponse(result);
  }
}
