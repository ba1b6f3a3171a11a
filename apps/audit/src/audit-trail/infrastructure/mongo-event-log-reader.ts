import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { storedEventRefs, type ReadableDb } from '@pxxl/audit-trail';
import type { Connection } from 'mongoose';
import type { EventLogReader } from '../ports';

@Injectable()
export class MongoEventLogReader implements EventLogReader {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async *storedEventIds(workspaceId: string): AsyncIterable<string> {
    for await (const event of storedEventRefs(this.connection.db as unknown as ReadableDb, workspaceId)) yield event.eventId;
  }
}
