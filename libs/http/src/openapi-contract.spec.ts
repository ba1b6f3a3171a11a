import { Controller, Get, Module, Post, Body } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProperty, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AnswersErrors, exactContract } from './openapi-contract';

class ThingDto {
  @ApiProperty() name!: string;
}

@Controller('things')
class ThingsController {
  @Post()
  @ApiBearerAuth()
  @AnswersErrors('THING_EXISTS')
  @AnswersErrors('THING_INVALID')
  create(@Body() _body: ThingDto) {
    return {};
  }

  @Get()
  list() {
    return [];
  }

  @Post('notes')
  @ApiConsumes('text/plain')
  @ApiBody({ schema: { type: 'string' } })
  addNote(@Body() _body: unknown) {
    return {};
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('exactContract', () => {
  let document: ReturnType<typeof exactContract>;

  beforeAll(async () => {
    const app = await NestFactory.create(ThingsModule, new FastifyAdapter(), { logger: false });
    const generated = SwaggerModule.createDocument(app, new DocumentBuilder().addBearerAuth().build());
    document = exactContract(generated, { statusOf: (code) => (code === 'THING_EXISTS' ? 409 : 400), sourceLimit: true, browserUse: false });
    await app.close();
  });

  const enumOf = (response: any) => response.content['application/json'].schema.allOf[1].properties.code.enum;

  it('answers every code a route names, stacked decorators included, grouped by status into the shared error schema', () => {
    const responses = (document.paths['/things'].post as any).responses;
    expect(enumOf(responses['409'])).toEqual(['THING_EXISTS']);
    expect(enumOf(responses['400'])).toEqual(expect.arrayContaining(['THING_INVALID', 'VALIDATION_FAILED', 'MALFORMED_JSON', 'MALFORMED_AUTHORIZATION']));
    expect(responses['400'].content['application/json'].schema.allOf[0]).toEqual({ $ref: '#/components/schemas/ErrorResponse' });
    expect(Object.keys(responses).sort()).toEqual(['201', '400', '401', '403', '409', '413', '415', '429', '500', '503']);
    expect((document.paths['/things'].post as any)['x-pxxl-error-codes']).toBeUndefined();
  });

  it('adds only what a route is: no auth, no body, no per-source limit answers where there are none', () => {
    const responses = (document.paths['/things'].get as any).responses;
    expect(Object.keys(responses).sort()).toEqual(['200', '429', '500', '503']);
  });

  it('gives a text/plain body the parsing answers but no DTO validation (INVALID_BODY, VALIDATION_FAILED)', () => {
    const responses = (document.paths['/things/notes'].post as any).responses;
    expect(enumOf(responses['400'])).toEqual(['BODY_REQUIRED', 'FORBIDDEN_PROPERTY', 'JSON_TOO_DEEP', 'MALFORMED_HTTP_REQUEST', 'MALFORMED_JSON']);
    expect(Object.keys(responses).sort()).toEqual(['201', '400', '413', '415', '429', '500', '503']);
  });

  it('closes request bodies, as the validation pipe refuses unknown fields', () => {
    expect((document.components!.schemas!.ThingDto as any).additionalProperties).toBe(false);
  });
});
