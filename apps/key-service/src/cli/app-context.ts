import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JsonLogger } from '@pxxl/observability';
import { loadKeyServiceConfig } from '../key-service.config';
import { KeyServiceModule } from '../key-service.module';

/** The key service without HTTP, for admin commands that talk to the store and the broker directly. */
export async function withKeyService<T>(run: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(KeyServiceModule.forRoot(loadKeyServiceConfig(), { http: false }), {
    logger: new JsonLogger('pxxl-keys', 'warn', (line) => process.stderr.write(line + '\n')),
  });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}
