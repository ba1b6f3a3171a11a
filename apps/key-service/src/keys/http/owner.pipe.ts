import { applyDecorators, Injectable, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { isOwnerHandle, OWNER_MAX_LENGTH, OWNER_PATTERN } from '@pxxl/contracts';
import { AnswersErrors, ApiError } from '@pxxl/http';
import { OWNER_SYNTAX } from './owner.dto';

/** Shared by the owner routes (rotate, revoke): the `{owner}` of the path. */
@Injectable()
export class OwnerPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isOwnerHandle(value)) throw new ApiError(400, 'INVALID_OWNER', `owner must be ${OWNER_SYNTAX}`, {});
    return value;
  }
}

export const OwnerRoute = () =>
  applyDecorators(
    ApiParam({
      name: 'owner',
      required: true,
      description: `the owner handle (${OWNER_SYNTAX})`,
      schema: { type: 'string', maxLength: OWNER_MAX_LENGTH, pattern: OWNER_PATTERN.source, example: 'team:payments' },
    }),
    AnswersErrors('INVALID_OWNER'),
  );
