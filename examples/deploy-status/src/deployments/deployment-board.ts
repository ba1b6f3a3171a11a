import { Injectable } from '@nestjs/common';

export interface Deployment {
  id: string;
  project: string;
  status: 'queued' | 'building' | 'live' | 'failed';
  commit: string;
  updatedAt: string;
}

/** The example's own data: a few deployments, as a real service would read from its store. */
@Injectable()
export class DeploymentBoard {
  private readonly deployments: Deployment[] = [
    { id: 'dep_1001', project: 'web', status: 'live', commit: '3f9c2d1', updatedAt: '2026-03-01T10:04:00.000Z' },
    { id: 'dep_1002', project: 'web', status: 'building', commit: '7a1e0b4', updatedAt: '2026-03-01T10:12:00.000Z' },
    { id: 'dep_2001', project: 'api', status: 'failed', commit: 'c0ffee1', updatedAt: '2026-03-01T09:58:00.000Z' },
  ];

  find(id: string): Deployment | undefined {
    return this.deployments.find((d) => d.id === id);
  }

  ofProject(project: string): Deployment[] {
    return this.deployments.filter((d) => d.project === project);
  }
}
