import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { SCOPES, type VerifiedKey } from '@pxxl/contracts';
import { AnswersErrors } from '@pxxl/http';
import type { FastifyReply } from 'fastify';
import { ManagementApi } from '../../../keys';
import { ReviewIdPipe, ReviewIdRoute } from '../../http/review-id.pipe';
import { ApplyReviewResponse } from '../../http/review.response';
import { toReviewSummary } from '../../queries/shared/review-view';
import { ApplyReviewCommand } from './apply-review.command';
import { ApplyReviewRequestDto } from './apply-review.request.dto';

@ApiTags('reviews')
@ManagementApi()
@Controller('v1/reviews')
export class ApplyReviewController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/apply')
  @HttpCode(200)
  @RequireScopes(SCOPES.API_KEYS_WRITE)
  @ApiOperation({
    operationId: 'ReviewsController_apply',
    summary: 'Carry out the pending change decisions through the key commands (rotate, revoke), each recorded as ReviewActionApplied; safe to retry',
  })
  @ReviewIdRoute()
  @AnswersErrors('REVIEW_SIGNED_OFF')
  @ApiBody({ type: ApplyReviewRequestDto, required: false, description: 'optional: no body is the same as {}' })
  @ApiResponse({ status: 200, type: ApplyReviewResponse })
  async apply(@Param('id', ReviewIdPipe) id: string, @Body() body: ApplyReviewRequestDto, @CurrentKey() caller: VerifiedKey, @Res({ passthrough: true }) reply: FastifyReply) {
    const { results, review } = await this.commandBus.execute(new ApplyReviewCommand(caller.workspaceId, id, caller.keyId, caller.scopes, body?.gracePeriodSeconds));
    // New secrets of rotated keys are in this answer only.
    void reply.header('Cache-Control', 'no-store');
    return { results, review: toReviewSummary(review) };
  }
}
