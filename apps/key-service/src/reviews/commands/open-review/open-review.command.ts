import { Command } from '@nestjs/cqrs';
import type { ReviewState } from '../../domain/review';

export class OpenReviewCommand extends Command<ReviewState> {
  constructor(
    readonly workspaceId: string,
    readonly actor: string,
    readonly review: { title: string; dueAt: string; owner: string | null; scope: string | null },
  ) {
    super();
  }
}
