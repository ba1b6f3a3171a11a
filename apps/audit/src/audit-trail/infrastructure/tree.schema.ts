import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { AUDIT_COLLECTIONS } from '@pxxl/audit-trail';

/**
 * `audit_tree_nodes`: one document per perfect subtree of a workspace's
 * Merkle tree, `_id = <workspaceId>:<level>:<index>`, its hash in base64.
 * About two per entry; a proof reads O(log n) of them by `_id`.
 */
@Schema({ collection: AUDIT_COLLECTIONS.treeNodes, versionKey: false, _id: false })
export class TreeNodeDoc {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) h!: string;
}

export const TreeNodeSchema = SchemaFactory.createForClass(TreeNodeDoc);

/** `audit_checkpoints`: every signed checkpoint, `_id = <workspaceId>:<size, 15 digits>`, and a copy of the latest as `<workspaceId>:latest`. */
@Schema({ collection: AUDIT_COLLECTIONS.checkpoints, versionKey: false, _id: false })
export class CheckpointDoc {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) workspaceId!: string;
  @Prop({ required: true }) size!: number;
  @Prop({ required: true }) note!: string;
  @Prop({ type: Date, required: true }) signedAt!: Date;
}

export const CheckpointSchema = SchemaFactory.createForClass(CheckpointDoc);
CheckpointSchema.index({ workspaceId: 1, size: -1 });

/** `audit_cosignatures`: a witness's cosignature of a checkpoint, `_id = <workspaceId>:<size, 15 digits>:<root, base64>:<witness name>+<key hash>`; read by `_id` only. */
@Schema({ collection: AUDIT_COLLECTIONS.cosignatures, versionKey: false, _id: false })
export class CosignatureDoc {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) workspaceId!: string;
  @Prop({ required: true }) size!: number;
  @Prop({ required: true }) root!: string;
  @Prop({ required: true }) witness!: string;
  @Prop({ required: true }) line!: string;
  @Prop({ required: true }) timestamp!: number;
  @Prop({ type: Date, required: true }) receivedAt!: Date;
}

export const CosignatureSchema = SchemaFactory.createForClass(CosignatureDoc);
