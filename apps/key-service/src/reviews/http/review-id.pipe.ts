import { applyDecorators, Injectable, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { REVIEW_ID_PATTERN } from '@pxxl/contracts';
import { AnswersErrors, ApiError } from '@pxxl/http';

/** Every route with a review id in its path. */
@Injectable()
export class ReviewIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!REVIEW_ID_PATTERN.test(value)) throw new ApiError(400, 'INVALID_REVIEW_ID', 'a review id is 16 letters and digits', {});
    return value;
  }
}

export const ReviewIdRoute = () =>
  applyDecorators(
    ApiParam({ name: 'id', required: true, description: 'the review id', schema: { type: 'string', pattern: REVIEW_ID_PATTERN.source, example: 'Rv7Qm2xK9pLs4TbN' } }),
    AnswersErrors('INVALID_REVIEW_ID', 'REVIEW_NOT_FOUND'),
  );
