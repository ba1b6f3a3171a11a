import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The two files of the dashboard, shipped in the build (scripts/build.js copies assets/): nothing comes from a CDN. */
function asset(file: string, type: string) {
  const body = readFileSync(join(__dirname, '..', 'assets', file), 'utf8');
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
}

const SCRIPT = asset('dashboard.js', 'text/javascript; charset=utf-8');
const STYLE = asset('dashboard.css', 'text/css; charset=utf-8');

@ApiExcludeController()
@Controller('dashboard/assets')
export class AssetsController {
  @Get('dashboard.js')
  @Header('cache-control', 'no-cache')
  script(@Res() reply: FastifyReply): void {
    void reply.type(SCRIPT.type).header('etag', SCRIPT.etag).send(SCRIPT.body);
  }

  @Get('dashboard.css')
  @Header('cache-control', 'no-cache')
  style(@Res() reply: FastifyReply): void {
    void reply.type(STYLE.type).header('etag', STYLE.etag).send(STYLE.body);
  }
}
