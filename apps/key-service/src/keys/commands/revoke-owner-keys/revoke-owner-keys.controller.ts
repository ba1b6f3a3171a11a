import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { keyActor, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import { ManagementApi } from '../../http/management-api.decorator';
import { OwnerPipe, OwnerRoute } from '../../http/owner.pipe';
import { RevokeKeyRequestDto } from '../revoke-key/revoke-key.request.dto';
import { OwnerKeysResponse } from '../rotate-owner-keys/rotate-owner-keys.response';
import { RevokeOwnerKeysCommand } from './revoke-owner-keys.command';

/** 200 with one outcome per key; a second call finds nothing left to revoke. */
@ApiTags('owners')
@ManagementApi()
@Controller('v1/owners')
export class RevokeOwnerKeysController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':owner/revoke')
  @HttpCode(200)
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({ operationId: 'OwnersController_revoke', summary: 'Revoke every active key of an owner, each as its own KeyRevoked' })
  @OwnerRoute()
  @ApiBody({ type: RevokeKeyRequestDto, required: false, description: 'optional `reason` (default "owner <owner> offboarded")' })
  @ApiResponse({ status: 200, type: OwnerKeysResponse })
  revoke(@Param('owner', OwnerPipe) owner: string, @Body() body: RevokeKeyRequestDto, @CurrentKey() caller: VerifiedKey): Promise<OwnerKeysResponse> {
    return this.commandBus.execute(new RevokeOwnerKeysCommand(caller.workspaceId, keyActor(caller.keyId), owner, body.reason));
  }
}
