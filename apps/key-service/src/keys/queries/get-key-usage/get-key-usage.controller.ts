import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { SCOPES, type VerifiedKey } from '@pxxl/contracts';
import { AnswersErrors, ApiErrors } from '@pxxl/http';
import { KeyIdPipe, KeyIdRoute } from '../../http/key-route';
import { ManagementApi } from '../../http/management-api.decorator';
import { GetKeyUsageQuery } from './get-key-usage.query';
import { KeyUsageResponse } from './key-usage.response';

const MAX_DAYS = 90;

@ApiTags('keys')
@ManagementApi()
@Controller('v1/keys')
export class GetKeyUsageController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/usage')
  @RequireScopes(SCOPES.API_KEYS_READ)
  @ApiOperation({ operationId: 'KeysController_usage', summary: 'Verifications of one key per day, by outcome (rolled up, at most a flush interval behind)' })
  @ApiQuery({ name: 'days', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_DAYS, default: 30 } })
  @ApiResponse({ status: 200, type: KeyUsageResponse })
  @KeyIdRoute()
  @AnswersErrors('VALIDATION_FAILED')
  usage(@Param('id', KeyIdPipe) id: string, @CurrentKey() caller: VerifiedKey, @Query('days') days?: string) {
    const count = days === undefined ? 30 : /^[1-9][0-9]?$/.test(days) ? Number(days) : NaN;
    if (!(count >= 1 && count <= MAX_DAYS)) throw ApiErrors.validation([{ field: 'days', problems: [`days must be an integer from 1 to ${MAX_DAYS}`] }]);
    return this.queryBus.execute(new GetKeyUsageQuery(id, caller.workspaceId, count));
  }
}
