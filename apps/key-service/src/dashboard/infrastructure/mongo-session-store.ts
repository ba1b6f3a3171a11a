import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection } from 'mongoose';
import type { SealedSecret, SessionStore, StoredReveal, StoredSession } from '../ports/session-store.port';

export const DASHBOARD_SESSIONS_COLLECTION = 'dashboard_sessions';

type SessionDocument = Omit<StoredSession, 'id'> & { _id: string };

/**
 * `dashboard_sessions`, one document per session, `_id` = hash of the cookie
 * secret: every hot lookup goes by `_id`. FerretDB has no TTL indexes, so
 * ended sessions are refused on read and swept at sign-in.
 */
@Injectable()
export class MongoSessionStore implements SessionStore {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get sessions(): Collection<SessionDocument> {
    return this.connection.collection<SessionDocument>(DASHBOARD_SESSIONS_COLLECTION);
  }

  async insert({ id, ...session }: StoredSession): Promise<void> {
    await this.sessions.insertOne({ _id: id, ...session });
  }

  async find(id: string): Promise<StoredSession | null> {
    const doc = await this.sessions.findOne({ _id: id });
    if (!doc) return null;
    const { _id, ...session } = doc;
    return { id: _id, ...session, reveal: session.reveal ?? null };
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.sessions.updateOne({ _id: id }, { $set: { lastSeenAt: at } });
  }

  async delete(id: string): Promise<void> {
    await this.sessions.deleteOne({ _id: id });
  }

  async deleteEnded(now: Date, idleSince: Date): Promise<number> {
    const result = await this.sessions.deleteMany({ $or: [{ expiresAt: { $lte: now } }, { lastSeenAt: { $lt: idleSince } }] });
    return result.deletedCount;
  }

  async replaceKey(id: string, sealedKey: SealedSecret): Promise<void> {
    await this.sessions.updateOne({ _id: id }, { $set: { sealedKey } });
  }

  async setReveal(id: string, reveal: StoredReveal): Promise<void> {
    await this.sessions.updateOne({ _id: id }, { $set: { reveal } });
  }

  async takeReveal(id: string): Promise<StoredReveal | null> {
    const before = await this.sessions.findOneAndUpdate({ _id: id }, { $set: { reveal: null } }, { returnDocument: 'before' });
    return before?.reveal ?? null;
  }
}
