import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { withLocalStack } from '@pxxl/config';
import { JsonLogger } from '@pxxl/observability';
import { loadKeyServiceConfig } from '../key-service.config';
import { KeyServiceModule } from '../key-service.module';

/**
 * The key service without HTTP, for admin commands that talk to the store and the broker directly:
 * those KAFKA_BROKERS and MONGODB_URI name, else those of the `npm start` running here.
 */
export async function withKeyService<T>(run: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const env = withLocalStack(process.env, ['KAFKA_BROKERS', 'MONGODB_URI'], (line) => process.stderr.write(line));
  const app = await NestFactory.createApplicationContext(KeyServiceModule.forRoot(loadKeyServiceConfig(env), { http: false }), {
    logger: new JsonLogger('pxxl-keys', 'warn', (line) => process.stderr.write(line + '\n')),
  });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}
