import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { readLatestCheckpoint, type CheckpointDb, type LatestCheckpoint } from '@pxxl/audit-trail';
import type { Connection } from 'mongoose';
import type { AuditCheckpoints } from '../ports';

/** The audit app's checkpoints, read through libs/audit-trail from the same MongoDB database. */
@Injectable()
export class AuditTrailCheckpoints implements AuditCheckpoints {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  latest(workspaceId: string): Promise<LatestCheckpoint | null> {
    return readLatestCheckpoint(this.connection.db as unknown as CheckpointDb, workspaceId);
  }
}
