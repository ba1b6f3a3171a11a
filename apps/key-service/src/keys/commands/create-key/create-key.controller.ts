import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { keyActor, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { keyGrantor } from '../../domain/grant-rules';
import { etag, ETAG_HEADER } from '../../http/key-route';
import { KeyCreatedResponse, keyCreatedResponse } from '../../http/key.response';
import { ManagementApi } from '../../http/management-api.decorator';
import { CreateKeyCommand } from './create-key.command';
import { limitsOf } from '../../http/key-limits.dto';
import { CreateKeyRequestDto } from './create-key.request.dto';
import { AnswersErrors } from '@pxxl/http';

/** What a client (and the contract test's fuzzer) can do next with the key it created: its id and ETag. */
const CREATED_KEY_LINKS = Object.fromEntries(
  (['get', 'usage', 'update', 'addCredits', 'rotate', 'revoke', 'remove'] as const).map((operation) => [
    operation,
    {
      operationId: `KeysController_${operation}`,
      parameters: operation === 'get' || operation === 'usage' ? { id: '$response.body#/id' } : { id: '$response.body#/id', 'header.If-Match': '$response.header.ETag' },
    },
  ]),
);

/** 201 once the key verifies; past READ_YOUR_WRITES_TIMEOUT_MS 202, consistency "pending". */
@ApiTags('keys')
@ManagementApi()
@Controller('v1/keys')
export class CreateKeyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({ operationId: 'KeysController_create', summary: 'Create a key; the plaintext key is in this response only' })
  @ApiResponse({ status: 201, type: KeyCreatedResponse, headers: ETAG_HEADER, links: CREATED_KEY_LINKS })
  @ApiResponse({ status: 202, type: KeyCreatedResponse, headers: ETAG_HEADER, links: CREATED_KEY_LINKS, description: 'created; verifies moments later' })
  @AnswersErrors('INVALID_NAME', 'INVALID_DESCRIPTION', 'NO_SCOPES', 'UNKNOWN_SCOPE', 'UNKNOWN_PRESET', 'INVALID_PRESET_RESOURCE', 'SCOPE_NOT_ALLOWED', 'SCOPE_ESCALATION', 'EXPIRY_REQUIRED', 'EXPIRY_IN_PAST', 'EXPIRY_TOO_FAR', 'KEY_ALREADY_EXISTS', 'INVALID_LIMIT', 'LIMIT_NOT_ALLOWED', 'INVALID_OWNER', 'OWNER_REQUIRED')
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
        owner: body.owner,
      }),
    );
    void reply.status(result.projected ? 201 : 202).header('Cache-Control', 'no-store').header('ETag', etag(result.version));
    return keyCreatedResponse(result);
  }
}
