import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { SCOPES, type VerifiedKey } from '@pxxl/contracts';
import { ManagementApi } from '../../../keys';
import { ReviewListResponse } from '../../http/review.response';
import { ListReviewsQuery } from './list-reviews.query';

@ApiTags('reviews')
@ManagementApi()
@Controller('v1/reviews')
export class ListReviewsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @RequireScopes(SCOPES.KEYS_REVIEW)
  @ApiOperation({ operationId: 'ReviewsController_list', summary: 'The workspace’s reviews, newest first, with their progress' })
  @ApiResponse({ status: 200, type: ReviewListResponse })
  list(@CurrentKey() caller: VerifiedKey) {
    return this.queryBus.execute(new ListReviewsQuery(caller.workspaceId));
  }
}
