import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { SCOPES, type VerifiedKey } from '@pxxl/contracts';
import type { FastifyReply } from 'fastify';
import { etag, ETAG_HEADER, ManagementApi } from '../../../keys';
import { ReviewIdPipe, ReviewIdRoute } from '../../http/review-id.pipe';
import { ReviewResponse } from '../../http/review.response';
import type { ReviewView } from '../shared/review-view';
import { GetReviewQuery } from './get-review.query';

@ApiTags('reviews')
@ManagementApi()
@Controller('v1/reviews')
export class GetReviewController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @RequireScopes(SCOPES.KEYS_REVIEW)
  @ApiOperation({ operationId: 'ReviewsController_get', summary: 'One review: each key in scope with its decision and whether it is done, and the keys new since it opened' })
  @ReviewIdRoute()
  @ApiResponse({ status: 200, type: ReviewResponse, headers: ETAG_HEADER })
  async get(@Param('id', ReviewIdPipe) id: string, @CurrentKey() caller: VerifiedKey, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReviewView> {
    const review: ReviewView = await this.queryBus.execute(new GetReviewQuery(caller.workspaceId, id));
    void reply.header('ETag', etag(review.version));
    return review;
  }
}
