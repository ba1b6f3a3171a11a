import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiKeyGuard, CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import type { VerifiedKey } from '@pxxl/contracts';
import { ApiError } from '@pxxl/http';
import { DeploymentBoard } from './deployment-board';

/** Every route needs `Authorization: Bearer <Pxxl key>`; each names the scope it needs. */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class DeploymentsController {
  constructor(private readonly board: DeploymentBoard) {}

  @Get('deployments/:id')
  @RequireScopes('deployments:read')
  status(@Param('id') id: string, @CurrentKey() key: VerifiedKey) {
    const deployment = this.board.find(id);
    if (!deployment) throw new ApiError(404, 'DEPLOYMENT_NOT_FOUND', 'no such deployment', { id: id.slice(0, 64) });
    return { ...deployment, checkedBy: key.keyId };
  }

  /** A resource-qualified scope: `deployments:read:web` opens project web only; `deployments:read` opens all. */
  @Get('projects/:project/deployments')
  @RequireScopes('deployments:read:{project}')
  ofProject(@Param('project') project: string) {
    return { project, deployments: this.board.ofProject(project) };
  }
}
