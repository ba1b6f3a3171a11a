import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { keyActor, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import { AnswersErrors } from '@pxxl/http';
import { ManagementApi } from '../../../keys';
import { ReviewResponse } from '../../http/review.response';
import { toReviewView, type ReviewView } from '../../queries/shared/review-view';
import { OpenReviewCommand } from './open-review.command';
import { OpenReviewRequestDto } from './open-review.request.dto';

/** Where a fuzzer (schemathesis' stateful phase) and a client go from a new review. */
const OPENED_REVIEW_LINKS = Object.fromEntries(
  (['get', 'decide', 'apply', 'signOff', 'attestation'] as const).map((operation) => [
    operation,
    {
      operationId: `ReviewsController_${operation}`,
      parameters: operation === 'decide' ? { id: '$response.body#/id', keyId: '$response.body#/keys/0/keyId' } : { id: '$response.body#/id' },
    },
  ]),
);

@ApiTags('reviews')
@ManagementApi()
@Controller('v1/reviews')
export class OpenReviewController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @RequireScopes(SCOPES.KEYS_REVIEW)
  @ApiOperation({ operationId: 'ReviewsController_open', summary: 'Open a review campaign: freezes the active keys in scope (ReviewOpened)' })
  @AnswersErrors('INVALID_REVIEW', 'REVIEW_TOO_LARGE')
  @ApiResponse({ status: 201, type: ReviewResponse, links: OPENED_REVIEW_LINKS })
  async open(@Body() body: OpenReviewRequestDto, @CurrentKey() caller: VerifiedKey): Promise<ReviewView> {
    const state = await this.commandBus.execute(
      new OpenReviewCommand(caller.workspaceId, keyActor(caller.keyId), { title: body.title, dueAt: body.dueAt, owner: body.owner ?? null, scope: body.scope ?? null }),
    );
    // Just opened: every key is as frozen, none is new since.
    return toReviewView(state, new Map(state.items.map((item) => [item.key.keyId, { ...item.key, status: 'active' as const }])), []);
  }
}
