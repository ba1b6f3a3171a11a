import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { VerifiedKey } from '@pxxl/contracts';

/** The authenticated calling key: id, workspace, scopes, expiry. */
export const CurrentKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): VerifiedKey => context.switchToHttp().getRequest().apiKey,
);
