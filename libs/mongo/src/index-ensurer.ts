import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/**
 * Creates the indexes a model declares that the collection does not have yet,
 * and touches nothing otherwise (mongoose's autoIndex re-issues createIndexes
 * on every boot). Indexes serve speed, not correctness: a failure is logged.
 */
@Injectable()
export class IndexEnsurer implements OnApplicationBootstrap {
  private readonly logger = new Logger(IndexEnsurer.name);

  constructor(@InjectConnection() private readonly connection: Connection) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const model of Object.values(this.connection.models)) {
      try {
        const { toCreate } = await model.diffIndexes();
        if (toCreate.length > 0) {
          await model.createIndexes();
          this.logger.log({ msg: 'created missing indexes', collection: model.collection.collectionName, count: toCreate.length });
        }
      } catch (error) {
        this.logger.warn({ msg: 'could not check or create indexes', collection: model.collection.collectionName, error: String(error) });
      }
    }
  }
}
