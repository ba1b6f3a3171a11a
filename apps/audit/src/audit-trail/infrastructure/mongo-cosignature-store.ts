import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Model } from 'mongoose';
import type { CosignatureStore, StoredCosignature } from '../ports';
import { CosignatureDoc } from './tree.schema';

const cosignatureId = (workspaceId: string, size: number, root: string, witness: string) => `${workspaceId}:${String(size).padStart(15, '0')}:${root}:${witness}`;

/** Inserts only, reads by `_id` only (one per configured witness, in parallel): what MongoDB 7 and FerretDB v1 both do exactly. */
@Injectable()
export class MongoCosignatureStore implements CosignatureStore {
  constructor(@InjectModel(CosignatureDoc.name) private readonly cosignatures: Model<CosignatureDoc>) {}

  async add(cosignature: StoredCosignature): Promise<void> {
    try {
      await this.cosignatures.collection.insertOne({ _id: cosignatureId(cosignature.workspaceId, cosignature.size, cosignature.root, cosignature.witness) as never, ...cosignature });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error; // this witness's cosignature of that checkpoint is kept already
    }
  }

  async of(workspaceId: string, size: number, root: string, witnesses: readonly string[]): Promise<StoredCosignature[]> {
    const docs = await Promise.all(witnesses.map((witness) => this.cosignatures.findById(cosignatureId(workspaceId, size, root, witness)).lean<CosignatureDoc>().exec()));
    return docs
      .filter((doc): doc is CosignatureDoc => doc !== null)
      .map((doc) => ({ workspaceId: doc.workspaceId, size: doc.size, root: doc.root, witness: doc.witness, line: doc.line, timestamp: doc.timestamp, receivedAt: doc.receivedAt }));
  }
}
