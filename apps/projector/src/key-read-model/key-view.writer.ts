import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { describeEvent, type KeyEvent } from '@pxxl/contracts';
import { KeyView, project } from '@pxxl/key-read-model';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Model } from 'mongoose';

export type ApplyOutcome = 'applied' | 'duplicate' | 'gap';

/**
 * Applies projected operations to MongoDB. Both writes are guarded so that a
 * second projector instance racing on the same event cannot apply it twice:
 * the insert collides on `_id` if the view exists, the update matches only the
 * previous version.
 */
@Injectable()
export class KeyViewWriter {
  private readonly logger = new Logger(KeyViewWriter.name);

  constructor(@InjectModel(KeyView.name) private readonly model: Model<KeyView>) {}

  async apply(event: KeyEvent): Promise<ApplyOutcome> {
    const current = event.type === 'KeyCreated' ? null : await this.model.findById(event.keyId).lean<KeyView>().exec();
    const op = project(event, current);
    switch (op.kind) {
      case 'insert': {
        // An insert that collides on _id is the duplicate case. (Not an upsert with
        // $setOnInsert: FerretDB v1 drops null fields from $setOnInsert.)
        try {
          await this.model.collection.insertOne(op.view as never);
          return 'applied';
        } catch (error) {
          if (isDuplicateKeyError(error)) return 'duplicate';
          throw error;
        }
      }
      case 'update': {
        const result = await this.model.collection.updateOne(
          { _id: op.keyId as never, version: op.expectedVersion },
          { $set: op.set },
        );
        return result.modifiedCount === 1 ? 'applied' : 'duplicate';
      }
      case 'skip':
        if (op.reason === 'gap') this.logger.error({ msg: `event arrived before its predecessor: ${describeEvent(event)}` });
        return op.reason;
    }
  }
}
