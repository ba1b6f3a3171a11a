import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { getConnectionToken } from '@nestjs/mongoose';
import type { HealthCheck } from '@pxxl/observability';
import type { Connection } from 'mongoose';
import { IndexEnsurer } from './index-ensurer';
import { refuseUnfixableMongoFailures } from './mongo-connection';

const SERVER_SELECTION_TIMEOUT_MS = 5000;

export const MONGO_HEALTH_CHECK = 'MONGO_HEALTH_CHECK';
export const DEFAULT_DB_NAME = 'pxxl_keys';

/** Write and read concern of a connection (the apps read them from MONGODB_WRITE_CONCERN / MONGODB_READ_CONCERN). */
export interface ConnectionConcerns {
  write: 'majority' | '1';
  read: 'majority' | 'local';
}

/**
 * The safe default: an acknowledged write is on a majority of the replica set
 * (and journaled), so a primary failover cannot roll it back; a read sees only
 * such writes, so nothing is decided or answered on a write that may vanish.
 */
export const SAFE_CONCERNS: ConnectionConcerns = { write: 'majority', read: 'majority' };

/** How long a write waits for the majority before it fails (503) instead of hanging while most members are down. */
const MAJORITY_WAIT_MS = 10_000;

/** The database name from the URI path, else `pxxl_keys`. */
export function dbNameFrom(uri: string): string {
  const path = uri.replace(/^mongodb(\+srv)?:\/\/[^/]*/, '').replace(/^\//, '').split('?')[0];
  return path || DEFAULT_DB_NAME;
}

/**
 * One mongoose connection per app. Only what both MongoDB 7 and FerretDB v1
 * support is used: no transactions, no change streams, no TTL or partial
 * indexes; hot reads go by `_id`.
 */
@Module({})
export class MongoModule {
  static forRoot(uri: string, appName: string, concerns: ConnectionConcerns = SAFE_CONCERNS): DynamicModule {
    return {
      module: MongoModule,
      global: true,
      imports: [
        MongooseModule.forRootAsync({
          useFactory: async () => {
            // An untrusted certificate or a refused login fails the boot (exit 78) rather than being retried.
            await refuseUnfixableMongoFailures(uri, SERVER_SELECTION_TIMEOUT_MS);
            return {
              uri,
              dbName: dbNameFrom(uri),
              appName: `pxxl-keys-${appName}`,
              serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
              writeConcern: concerns.write === 'majority' ? { w: 'majority', journal: true, wtimeoutMS: MAJORITY_WAIT_MS } : { w: 1 },
              readConcern: { level: concerns.read },
              // An operation that gets no answer fails (503) instead of hanging a request forever:
              // seen once with FerretDB after an app restart under load (see docs/operations.md).
              socketTimeoutMS: 30000,
              // Commands fail fast instead of queueing while the store is down: a request gets its 503 at once.
              bufferCommands: false,
              // Not at every boot: FerretDB's SQLite backend was seen to deadlock a database when an
              // app restarted and rebuilt indexes while the other apps wrote to it. IndexEnsurer
              // creates only the indexes that are missing.
              autoIndex: false,
              autoCreate: false,
            };
          },
        }),
      ],
      providers: [
        IndexEnsurer,
        {
          provide: MONGO_HEALTH_CHECK,
          inject: [getConnectionToken()],
          useFactory: (connection: Connection): HealthCheck => ({
            name: 'mongo',
            check: async () => {
              if (connection.readyState !== 1 || !connection.db) return { ok: false, detail: 'not connected' };
              await connection.db.admin().command({ ping: 1 });
              return { ok: true };
            },
          }),
        },
      ],
      exports: [MongooseModule, MONGO_HEALTH_CHECK],
    };
  }
}
