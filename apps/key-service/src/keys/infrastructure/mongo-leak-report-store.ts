import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import type { LeakReportRecord, LeakReportStore } from '../ports';

export const LEAK_REPORTS_COLLECTION = 'leak_reports';

/** `leak_reports`: one document per reported token that named a real key; never the token. */
@Injectable()
export class MongoLeakReportStore implements LeakReportStore {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async record(report: LeakReportRecord): Promise<void> {
    await this.connection.collection(LEAK_REPORTS_COLLECTION).insertOne({ _id: randomUUID() as never, ...report });
  }
}
