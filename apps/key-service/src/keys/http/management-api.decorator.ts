import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiKeyGuard } from '@pxxl/bearer-auth';

/**
 * A management controller (shared by every management use case's controller): every route
 * authenticates the caller's own key (Bearer) and checks its @RequireScopes; the error answers
 * that follow from that are added to the contract from the `bearer` security (libs/http exactContract).
 */
export const ManagementApi = () =>
  applyDecorators(
    ApiBearerAuth(),
    UseGuards(ApiKeyGuard),
  );
