import { Injectable, type PipeTransform } from '@nestjs/common';
import { isKeyId } from '@pxxl/contracts';
import { ApiError } from '@pxxl/http';

/** Shared by every route with a key id in its path, the dashboard's pages included. */
@Injectable()
export class KeyIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isKeyId(value)) throw new ApiError(400, 'INVALID_KEY_ID', 'a key id is 16 letters and digits', {});
    return value;
  }
}
