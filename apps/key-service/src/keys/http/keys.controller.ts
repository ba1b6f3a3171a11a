import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { keyActor, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { CreateKeyCommand } from '../commands/create-key/create-key.command';
import { DELETED_REASON, RevokeKeyCommand } from '../commands/revoke-key/revoke-key.command';
import { RotateKeyCommand } from '../commands/rotate-key/rotate-key.command';
import type { KeyCommandResult } from '../commands/shared/key-command.result';
import { UpdateKeyCommand } from '../commands/update-key/update-key.command';
import { keyGrantor } from '../domain/grant-rules';
import { GetKeyQuery } from '../queries/get-key/get-key.query';
import { ListKeysQuery } from '../queries/list-keys/list-keys.query';
import { CreateKeyRequestDto } from './create-key.request.dto';
import { etag, parseIfMatch } from './if-match';
import { KeyIdPipe } from './key-id.pipe';
import { ManagementApi } from './management-api.decorator';
import {
  ErrorResponse,
  KeyChangedResponse,
  KeyCreatedResponse,
  keyCreatedResponse,
  KeyPageResponse,
  KeyResponse,
  KeyRotatedResponse,
  keyRotatedResponse,
} from './key.response';
import { ListKeysQueryDto, parseStatuses, RevokeKeyRequestDto, RotateKeyRequestDto, UpdateKeyRequestDto } from './lifecycle.request.dto';

const IF_MATCH = { name: 'If-Match', required: false, description: 'the key’s ETag (its version); a stale one answers 412' };

/**
 * The management API. Every mutation answers once verification reflects it
 * (200/201); past READ_YOUR_WRITES_TIMEOUT_MS it answers 202, consistency "pending".
 */
@ApiTags('keys')
@ManagementApi()
@Controller('v1/keys')
export class KeysController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({ summary: 'Create a key; the plaintext key is in this response only' })
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
      }),
    );
    void reply.status(result.projected ? 201 : 202).header('Cache-Control', 'no-store').header('ETag', etag(result.version));
    return keyCreatedResponse(result);
  }

  @Get()
  @RequireScopes(SCOPES.API_KEYS_READ)
  @ApiOperation({ summary: 'The workspace’s keys, newest first' })
  @ApiResponse({ status: 200, type: KeyPageResponse })
  list(@Query() query: ListKeysQueryDto, @CurrentKey() caller: VerifiedKey) {
    return this.queryBus.execute(new ListKeysQuery(caller.workspaceId, parseStatuses(query.status), query.cursor, query.limit ?? 20));
  }

  @Get(':id')
  @RequireScopes(SCOPES.API_KEYS_READ)
  @ApiOperation({ summary: 'One key' })
  @ApiResponse({ status: 200, type: KeyResponse, headers: { ETag: { description: 'the key’s version' } } })
  @ApiResponse({ status: 404, type: ErrorResponse, description: 'KEY_NOT_FOUND (also for another workspace’s key)' })
  async get(@Param('id', KeyIdPipe) id: string, @CurrentKey() caller: VerifiedKey, @Res({ passthrough: true }) reply: FastifyReply) {
    const key = await this.queryBus.execute(new GetKeyQuery(id, caller.workspaceId));
    void reply.header('ETag', etag(key.version));
    return key;
  }

  @Patch(':id')
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({ summary: 'Change name or description' })
  @ApiHeader(IF_MATCH)
  @ApiResponse({ status: 200, type: KeyChangedResponse })
  @ApiResponse({ status: 404, type: ErrorResponse })
  @ApiResponse({ status: 409, type: ErrorResponse, description: 'KEY_REVOKED, CONCURRENT_MODIFICATION' })
  @ApiResponse({ status: 412, type: ErrorResponse, description: 'VERSION_MISMATCH' })
  async update(
    @Param('id', KeyIdPipe) id: string,
    @Body() body: UpdateKeyRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentKey() caller: VerifiedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const changes = { name: body.name, description: body.description };
    const result = await this.commandBus.execute(new UpdateKeyCommand(id, caller.workspaceId, keyActor(caller.keyId), changes, parseIfMatch(ifMatch)));
    return changed(result, reply);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({ summary: 'New secret, same key; the old secret stops now or after the grace period' })
  @ApiHeader(IF_MATCH)
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

  @Post(':id/revoke')
  @HttpCode(200)
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({ summary: 'Revoke: the key stops verifying when this call returns' })
  @ApiHeader(IF_MATCH)
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
    return changed(result, reply);
  }

  @Delete(':id')
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({ summary: 'Delete a key no longer in use: revokes it (reason "deleted") and hides it from the default listing' })
  @ApiHeader(IF_MATCH)
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
    return changed(result, reply);
  }
}

function changed(result: KeyCommandResult, reply: FastifyReply): KeyChangedResponse {
  void reply.status(result.projected ? 200 : 202).header('ETag', etag(result.version));
  return { id: result.keyId, version: result.version, consistency: result.projected ? 'verifiable' : 'pending' };
}
