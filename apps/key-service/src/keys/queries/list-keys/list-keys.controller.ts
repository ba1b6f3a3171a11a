import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { SCOPES, type VerifiedKey } from '@pxxl/contracts';
import { AnswersErrors } from '@pxxl/http';
import { ManagementApi } from '../../http/management-api.decorator';
import { ListKeysQuery } from './list-keys.query';
import { ListKeysQueryDto, parseStatuses } from './list-keys.request.dto';
import { KeyPageResponse } from './list-keys.response';

@ApiTags('keys')
@ManagementApi()
@Controller('v1/keys')
export class ListKeysController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @RequireScopes(SCOPES.API_KEYS_READ)
  @ApiOperation({ operationId: 'KeysController_list', summary: 'The workspace’s keys, newest first' })
  @ApiResponse({ status: 200, type: KeyPageResponse })
  @AnswersErrors('INVALID_CURSOR')
  list(@Query() query: ListKeysQueryDto, @CurrentKey() caller: VerifiedKey) {
    return this.queryBus.execute(new ListKeysQuery(caller.workspaceId, parseStatuses(query.status), query.cursor, query.limit ?? 20, query.owner));
  }
}
