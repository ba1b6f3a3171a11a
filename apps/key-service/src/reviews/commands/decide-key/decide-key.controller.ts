import { Body, Controller, Headers, Param, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { KEY_ID_SHAPE, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import { AnswersErrors } from '@pxxl/http';
import type { FastifyReply } from 'fastify';
import { etag, ETAG_HEADER, KeyIdPipe, ManagementApi, parseIfMatch } from '../../../keys';
import { ReviewIdPipe, ReviewIdRoute } from '../../http/review-id.pipe';
import { ReviewSummaryResponse } from '../../http/review.response';
import { toReviewSummary, type ReviewSummaryView } from '../../queries/shared/review-view';
import { DecideKeyCommand } from './decide-key.command';
import { DecideKeyRequestDto } from './decide-key.request.dto';

@ApiTags('reviews')
@ManagementApi()
@Controller('v1/reviews')
export class DecideKeyController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put(':id/keys/:keyId')
  @RequireScopes(SCOPES.KEYS_REVIEW)
  @ApiOperation({ operationId: 'ReviewsController_decide', summary: 'Record the decision on one key of the review (KeyReviewed); the calling key is the reviewer' })
  @ReviewIdRoute()
  @ApiParam({ name: 'keyId', required: true, description: 'a key of the review', schema: { type: 'string', pattern: KEY_ID_SHAPE.source } })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'the review’s ETag (its version); a stale one answers 412, an empty or malformed one 400',
    schema: { type: 'string', pattern: '^\\s*(W/)?"?[0-9]{1,9}"?\\s*$' },
  })
  @AnswersErrors('INVALID_KEY_ID', 'KEY_NOT_IN_REVIEW', 'INVALID_DECISION', 'SELF_REVIEW', 'REVIEW_SIGNED_OFF', 'DECISION_ALREADY_APPLIED', 'CONCURRENT_DECISION')
  @AnswersErrors('INVALID_IF_MATCH', 'VERSION_MISMATCH', 'CONCURRENT_MODIFICATION')
  @ApiResponse({ status: 200, type: ReviewSummaryResponse, headers: ETAG_HEADER })
  async decide(
    @Param('id', ReviewIdPipe) id: string,
    @Param('keyId', KeyIdPipe) keyId: string,
    @Body() body: DecideKeyRequestDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentKey() caller: VerifiedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReviewSummaryView> {
    const state = await this.commandBus.execute(new DecideKeyCommand(caller.workspaceId, id, keyId, caller.keyId, { ...body }, parseIfMatch(ifMatch)));
    void reply.header('ETag', etag(state.version));
    return toReviewSummary(state);
  }
}
