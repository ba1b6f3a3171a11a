import { Body, Controller, Post, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiKeyGuard, CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { keyActor, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { CreateKeyCommand } from '../commands/create-key/create-key.command';
import { CreateKeyRequestDto } from './create-key.request.dto';
import { keyCreatedResponse } from './key-created.response';

@Controller('v1/keys')
@UseGuards(ApiKeyGuard)
export class KeysController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * 201 once the key verifies; 202 (same body, `consistency: "pending"`) when the
   * read model did not catch up within READ_YOUR_WRITES_TIMEOUT_MS. The key is
   * in the body either way: it is never shown again.
   */
  @Post()
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  async create(@Body() body: CreateKeyRequestDto, @CurrentKey() caller: VerifiedKey, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.commandBus.execute(
      new CreateKeyCommand(caller.workspaceId, keyActor(caller.keyId), body.name, body.description, body.scopes, body.expiresAt),
    );
    void reply.status(result.projected ? 201 : 202).header('Cache-Control', 'no-store');
    return keyCreatedResponse(result);
  }
}
