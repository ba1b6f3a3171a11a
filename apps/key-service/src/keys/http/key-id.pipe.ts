import { applyDecorators, Injectable, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { isKeyId, KEY_ID_SHAPE } from '@pxxl/contracts';
import { AnswersErrors, ApiError } from '@pxxl/http';

/** Shared by every route with a key id in its path, the dashboard's pages included. */
@Injectable()
export class KeyIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isKeyId(value)) throw new ApiError(400, 'INVALID_KEY_ID', 'a key id is 16 letters and digits', {});
    return value;
  }
}

/** The `{id}` of a key route in the contract: the shape KeyIdPipe takes, and what such a route answers for it. */
export const KeyIdRoute = () =>
  applyDecorators(
    ApiParam({ name: 'id', required: true, description: 'the key id', schema: { type: 'string', pattern: KEY_ID_SHAPE.source, example: 'k3PXrQ8yZt2mW9aB' } }),
    AnswersErrors('INVALID_KEY_ID', 'KEY_NOT_FOUND'),
  );
