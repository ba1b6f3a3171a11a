import { DynamicModule, Module } from '@nestjs/common';
import { ApplyReviewController } from './commands/apply-review/apply-review.controller';
import { ApplyReviewHandler } from './commands/apply-review/apply-review.handler';
import { DecideKeyController } from './commands/decide-key/decide-key.controller';
import { DecideKeyHandler } from './commands/decide-key/decide-key.handler';
import { OpenReviewController } from './commands/open-review/open-review.controller';
import { OpenReviewHandler } from './commands/open-review/open-review.handler';
import { ReviewRecording } from './commands/shared/review-recording';
import { SignOffReviewController } from './commands/sign-off-review/sign-off-review.controller';
import { SignOffReviewHandler } from './commands/sign-off-review/sign-off-review.handler';
import { AuditTrailCheckpoints } from './infrastructure/audit-trail-checkpoints';
import { EventStoreReviewEvents } from './infrastructure/event-store-review-events';
import { MongoReviewIndex } from './infrastructure/mongo-review-index';
import { ReadModelReviewedKeys } from './infrastructure/read-model-reviewed-keys';
import { AUDIT_CHECKPOINTS, REVIEW_EVENT_STORE, REVIEW_INDEX, REVIEWED_KEYS } from './ports';
import { GetAttestationController } from './queries/get-attestation/get-attestation.controller';
import { GetAttestationHandler } from './queries/get-attestation/get-attestation.handler';
import { GetReviewController } from './queries/get-review/get-review.controller';
import { GetReviewHandler } from './queries/get-review/get-review.handler';
import { ListReviewsController } from './queries/list-reviews/list-reviews.controller';
import { ListReviewsHandler } from './queries/list-reviews/list-reviews.handler';
import { ReviewLoader } from './queries/shared/review-loader';

/** In the OpenAPI document's order. */
const CONTROLLERS = [
  OpenReviewController,
  ListReviewsController,
  GetReviewController,
  DecideKeyController,
  ApplyReviewController,
  SignOffReviewController,
  GetAttestationController,
];

/**
 * Review campaigns (docs/audit.md): a review is an aggregate in the key event store; its change
 * decisions are carried out through the keys module's commands on the command bus. Needs
 * KeysModule (global: its event store and read model ports) and MongoModule.
 */
@Module({})
export class ReviewsModule {
  static register(options: { http: boolean }): DynamicModule {
    return {
      module: ReviewsModule,
      controllers: options.http ? CONTROLLERS : [],
      providers: [
        { provide: REVIEW_EVENT_STORE, useClass: EventStoreReviewEvents },
        { provide: REVIEW_INDEX, useClass: MongoReviewIndex },
        { provide: REVIEWED_KEYS, useClass: ReadModelReviewedKeys },
        { provide: AUDIT_CHECKPOINTS, useClass: AuditTrailCheckpoints },
        ReviewLoader,
        ReviewRecording,
        OpenReviewHandler,
        DecideKeyHandler,
        ApplyReviewHandler,
        SignOffReviewHandler,
        GetReviewHandler,
        ListReviewsHandler,
        GetAttestationHandler,
      ],
    };
  }
}
