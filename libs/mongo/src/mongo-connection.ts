import { ConfigError, isUntrustedCertificateCode } from '@pxxl/config';
import { createConnection } from 'mongoose';

/** MongoDB's AuthenticationFailed, which FerretDB answers too. */
const AUTHENTICATION_FAILED = 18;

type Failure = { name?: string; code?: unknown; message?: string; cause?: unknown; reason?: { servers?: Map<string, { error?: unknown }> } };

/**
 * One connection tried before the app's own, so that what no retry can fix fails the boot with a
 * ConfigError (exit 78) at once instead of after the mongoose module's retries: a server
 * certificate this client does not trust, refused credentials. Anything else (the store is down)
 * is left to those retries. The message never holds the URI: it may carry a password.
 */
export async function refuseUnfixableMongoFailures(uri: string, serverSelectionTimeoutMS: number): Promise<void> {
  const connection = createConnection(uri, { serverSelectionTimeoutMS, autoIndex: false, autoCreate: false, bufferCommands: false });
  try {
    await connection.asPromise();
  } catch (error) {
    const problem = describe(error as Failure);
    if (problem) throw new ConfigError([problem]);
  } finally {
    await connection.close().catch(() => undefined);
  }
}

function describe(error: Failure): string | undefined {
  const failures: Failure[] = [error, ...[...(error.reason?.servers?.values() ?? [])].map((server) => server.error as Failure).filter(Boolean)];
  for (const failure of failures) {
    if (failure.code === AUTHENTICATION_FAILED) {
      return `MongoDB refused the login (${failure.message?.split('\n')[0]}); check the credentials in MONGODB_URI or MONGODB_URI_FILE`;
    }
    for (let e: Failure | undefined = failure; e; e = e.cause === e ? undefined : (e.cause as Failure | undefined)) {
      if (isUntrustedCertificateCode(e.code)) {
        return `MongoDB: the server's TLS certificate is not trusted (${e.code}: ${e.message}); check tlsCAFile in MONGODB_URI names the CA that signed it, and that it covers the host name`;
      }
    }
  }
  return undefined;
}
