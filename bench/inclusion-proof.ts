import { leafHash, nodeHash, openNote, parseCheckpointText, verifyInclusion, type Hash } from '@pxxl/audit-trail';
import { MongoClient, type Document } from 'mongodb';
import mongoose from 'mongoose';
import { segmentId } from '../apps/audit/src/audit-trail/domain/chain-segments';
import { AuditEntryDoc, AuditEntrySchema, AuditKeyName, AuditKeyNameSchema, ChainHeadDoc, ChainHeadSchema, ChainLinkDoc, ChainLinkSchema, ChainSegmentDoc, ChainSegmentSchema } from '../apps/audit/src/audit-trail/infrastructure/audit-entry.schema';
import { MongoAuditEntryStore } from '../apps/audit/src/audit-trail/infrastructure/mongo-audit-entry-store';
import { MongoChainStore } from '../apps/audit/src/audit-trail/infrastructure/mongo-chain-store';
import { MongoCheckpointStore } from '../apps/audit/src/audit-trail/infrastructure/mongo-checkpoint-store';
import { MongoTreeStore } from '../apps/audit/src/audit-trail/infrastructure/mongo-tree-store';
import { CheckpointDoc, CheckpointSchema, TreeNodeDoc, TreeNodeSchema } from '../apps/audit/src/audit-trail/infrastructure/tree.schema';
import { ProofService } from '../apps/audit/src/audit-trail/queries/prove/proof.service';
import { ChainReader } from '../apps/audit/src/audit-trail/queries/shared/chain-reader';
import { MerkleTree } from '../apps/audit/src/audit-trail/queries/shared/merkle-tree';
import { httpRequest } from '../test/support/http';

export interface InclusionProofFigures {
  leaves: number;
  seedSeconds: number;
  samples: number;
  /** The audit app's proof code (ProofService over the store), what the route runs once the caller is authenticated. */
  proof: { p50: number; p95: number; p99: number };
  /** The whole HTTP request, with its authentication (a bcrypt check per request: the audit app caches no key). */
  http: { p50: number; p95: number };
  /** An authenticated request that reads next to nothing (`/v1/audit/events?limit=1`): what authentication alone costs. */
  authOnly: { p50: number; p95: number };
}

const figures = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
  return { p50: at(50), p95: at(95), p99: at(99) };
};

async function timedMs(run: () => Promise<unknown>): Promise<number> {
  const sent = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - sent) / 1e6;
}

/** The audit app's proof service on its own connection, as the app wires it. */
async function proofService(mongoUri: string): Promise<{ service: ProofService; close: () => Promise<void> }> {
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  const entries = new MongoAuditEntryStore(connection.model(AuditEntryDoc.name, AuditEntrySchema), connection.model(AuditKeyName.name, AuditKeyNameSchema));
  const chain = new MongoChainStore(connection.model(ChainHeadDoc.name, ChainHeadSchema), connection.model(ChainLinkDoc.name, ChainLinkSchema), connection.model(ChainSegmentDoc.name, ChainSegmentSchema));
  const reader = new ChainReader(chain, entries);
  const tree = new MerkleTree(new MongoTreeStore(connection.model(TreeNodeDoc.name, TreeNodeSchema)), reader);
  const service = new ProofService(new MongoCheckpointStore(connection.model(CheckpointDoc.name, CheckpointSchema)), entries, tree, reader);
  return { service, close: () => connection.close() };
}

const COLLECTIONS = ['audit_chain_links', 'audit_chain_segments', 'audit_entries', 'audit_chain_heads', 'audit_tree_nodes', 'audit_checkpoints'];
const line = (workspaceId: string, seq: number) => `{"eventId":"00000000-0000-4000-8000-${String(seq).padStart(12, '0')}","seq":${seq},"workspaceId":"${workspaceId}"}`;

/**
 * (k) An inclusion proof served from a tree of `leaves` entries: the
 * workspace's chain (sealed segments) and its tree hashes are written
 * straight into the audit app's collections, as its writers would have left
 * them, then proofs for random entries are asked over HTTP and checked
 * against the signed root. Seeding a million entries through Kafka would
 * measure the writer, not the proof.
 */
export async function benchInclusionProof(options: { mongoUri: string; auditUrl: string; token: string; workspaceId: string; leaves: number; samples: number }): Promise<InclusionProofFigures> {
  const { workspaceId: ws, leaves } = options;
  const client = await MongoClient.connect(options.mongoUri);
  const started = Date.now();
  try {
    const db = client.db();
    for (const name of COLLECTIONS) await db.collection(name).deleteMany({ workspaceId: ws });
    await db.collection('audit_chain_heads').deleteMany({ _id: ws as never });
    await db.collection('audit_checkpoints').deleteMany({ _id: `${ws}:latest` as never });
    await db.collection('audit_tree_nodes').deleteMany({ _id: { $regex: `^${ws}:` } } as never);
    let segments: Document[] = [];
    let nodes: Document[] = [];
    const stack: Array<{ hash: Hash; level: number; index: number }> = [];
    for (let seq = 1; seq <= leaves; seq++) {
      if ((seq - 1) % 100 === 0) segments.push({ _id: segmentId(ws, (seq - 1) / 100), workspaceId: ws, segment: (seq - 1) / 100, firstSeq: seq, records: [] });
      const text = line(ws, seq);
      segments[segments.length - 1].records.push(text);
      let node = { hash: leafHash(text), level: 0, index: seq - 1 };
      nodes.push({ _id: `${ws}:0:${node.index}`, h: node.hash.toString('base64') });
      while (stack.length > 0 && stack[stack.length - 1].level === node.level) {
        const left = stack.pop()!;
        node = { hash: nodeHash(left.hash, node.hash), level: node.level + 1, index: left.index / 2 };
        nodes.push({ _id: `${ws}:${node.level}:${node.index}`, h: node.hash.toString('base64') });
      }
      stack.push(node);
      if (nodes.length >= 5000) {
        await db.collection('audit_tree_nodes').insertMany(nodes as never[], { ordered: false });
        nodes = [];
      }
      if (segments.length === 50 && seq % 100 === 0) {
        await db.collection('audit_chain_segments').insertMany(segments as never[], { ordered: false });
        segments = [];
      }
    }
    if (nodes.length > 0) await db.collection('audit_tree_nodes').insertMany(nodes as never[], { ordered: false });
    if (segments.length > 0) await db.collection('audit_chain_segments').insertMany(segments as never[], { ordered: false });
    const lastEventId = `00000000-0000-4000-8000-${String(leaves).padStart(12, '0')}`;
    await db.collection('audit_chain_heads').insertOne({
      _id: ws as never,
      seq: leaves,
      hash: '0'.repeat(64),
      eventId: lastEventId,
      sealedThrough: leaves - (leaves % 100),
      sealedHash: '0'.repeat(64),
      sealedEventId: lastEventId,
      updatedAt: new Date(),
    });
  } finally {
    await client.close();
  }
  const seedSeconds = (Date.now() - started) / 1000;
  const get = (path: string) => httpRequest(options.auditUrl, 'GET', path, { token: options.token });
  const note = (await get('/v1/audit/checkpoint')).text;
  const checkpoint = parseCheckpointText(openNote(note).text);
  if (checkpoint.size !== leaves) throw new Error(`the checkpoint is of ${checkpoint.size} entries, not ${leaves}`);
  const httpMs: number[] = [];
  const authMs: number[] = [];
  const proofMs: number[] = [];
  const direct = await proofService(options.mongoUri);
  try {
    for (let i = 0; i < options.samples + 10; i++) {
      const seq = 1 + Math.floor(Math.random() * leaves);
      let proof: Buffer[] = [];
      const took = await timedMs(async () => {
        const answer = await get(`/v1/audit/proofs/inclusion?seq=${seq}&treeSize=${leaves}`);
        proof = (answer.body.proof as string[]).map((h) => Buffer.from(h, 'base64'));
      });
      if (!verifyInclusion(seq - 1, leaves, leafHash(line(ws, seq)), proof, checkpoint.root)) throw new Error(`the proof for seq ${seq} does not verify`);
      const auth = await timedMs(() => get('/v1/audit/events?limit=1'));
      const served = await timedMs(() => direct.service.inclusion(ws, { seq: 1 + Math.floor(Math.random() * leaves) }, leaves));
      if (i < 10) continue; // the first ten warm connections and the store's cache
      httpMs.push(took);
      authMs.push(auth);
      proofMs.push(served);
    }
  } finally {
    await direct.close();
  }
  return { leaves, seedSeconds: Math.round(seedSeconds), samples: proofMs.length, proof: figures(proofMs), http: figures(httpMs), authOnly: figures(authMs) };
}
