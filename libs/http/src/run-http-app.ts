import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError } from '@pxxl/config';

/**
 * The common `main`: load and validate config (exit 78 naming each bad
 * variable, also when a connection shows it wrong), build the app, listen,
 * and print one JSON line with its URL.
 */
export async function runHttpApp<C extends { http: { host: string; port: number } }>(
  name: string,
  loadConfig: () => C,
  create: (config: C) => Promise<NestFastifyApplication>,
): Promise<void> {
  let config: C;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  try {
    const app = await create(config);
    await app.listen({ host: config.http.host, port: config.http.port });
    const url = `http://${config.http.host}:${config.http.port}`;
    process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', app: name, msg: `${name} listening`, url }) + '\n');
  } catch (error) {
    // Found only on connecting: an untrusted broker certificate, refused credentials. Retrying cannot help.
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`${name}: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
