import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { etag, ETAG_HEADER, KeyIdPipe, KeyIdRoute } from '../../http/key-route';
import { KeyResponse } from '../../http/key.response';
import { ManagementApi } from '../../http/management-api.decorator';
import { KeyErrors } from '../../domain/api-key.errors';
import type { KeySummary } from '../shared/key-summary';
import { GetKeyQuery } from './get-key.query';

@ApiTags('keys')
@ManagementApi()
@Controller('v1/keys')
export class GetKeyController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @RequireScopes(SCOPES.API_KEYS_READ)
  @ApiOperation({ operationId: 'KeysController_get', summary: 'One key; a deleted one is gone (404), listed only with ?status=deleted' })
  @ApiResponse({ status: 200, type: KeyResponse, headers: ETAG_HEADER })
  @KeyIdRoute()
  async get(@Param('id', KeyIdPipe) id: string, @CurrentKey() caller: VerifiedKey, @Res({ passthrough: true }) reply: FastifyReply) {
    const key: KeySummary = await this.queryBus.execute(new GetKeyQuery(id, caller.workspaceId));
    // After a DELETE the resource is gone, as HTTP means it (schemathesis: deleted resource still
    // available); `GET /v1/keys?status=deleted`, the dashboard and the audit trail still show it.
    if (key.status === 'deleted') throw KeyErrors.notFound(id);
    void reply.header('ETag', etag(key.version));
    return key;
  }
}
