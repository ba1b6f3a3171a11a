import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import { ApiKeyGuard } from '@pxxl/bearer-auth';
import { ErrorResponse } from './key.response';

/**
 * A management controller (shared by every management use case's controller): every route
 * authenticates the caller's own key (Bearer) and checks its @RequireScopes; the shared error
 * answers are documented once.
 */
export const ManagementApi = () =>
  applyDecorators(
    ApiBearerAuth(),
    ApiResponse({ status: 400, type: ErrorResponse, description: 'invalid input (VALIDATION_FAILED, MALFORMED_JSON, …)' }),
    ApiResponse({ status: 401, type: ErrorResponse, description: 'missing or unusable caller key' }),
    ApiResponse({ status: 403, type: ErrorResponse, description: 'INSUFFICIENT_SCOPE, BROWSER_USE_FORBIDDEN' }),
    UseGuards(ApiKeyGuard),
  );
