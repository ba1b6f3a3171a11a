import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AnswersErrors, ApiErrors } from '@pxxl/http';
import { CosignatureIntake, type AcceptedCosignatures } from './cosignature-intake';

export const COSIGNATURES_PATH = '/v1/audit/checkpoint/cosignatures';

const ACCEPTED = {
  type: 'object',
  required: ['origin', 'size', 'cosignatures'],
  additionalProperties: false,
  properties: {
    origin: { type: 'string', example: 'pxxl-keys.example/audit/acme' },
    size: { type: 'integer', minimum: 0, example: 2 },
    cosignatures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['witness', 'timestamp'],
        additionalProperties: false,
        properties: { witness: { type: 'string', example: 'witness.example/w1+efcd800c' }, timestamp: { type: 'integer', minimum: 0, example: 1796225805 } },
      },
    },
  },
};

/**
 * Where witnesses' cosignatures come in (docs/audit.md, "Witnesses"). No
 * key: as in C2SP tlog-witness, the witness's signature over a checkpoint
 * this log signed is the authentication, and nothing else is kept.
 */
@ApiTags('audit')
@Controller('v1/audit/checkpoint')
export class AddCosignaturesController {
  constructor(private readonly intake: CosignatureIntake) {}

  @Post('cosignatures')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'AuditController_addCosignatures',
    summary: 'A witness cosigns a checkpoint: the checkpoint with its cosignature lines (C2SP tlog-cosignature) appended; no authentication',
  })
  @ApiConsumes('text/plain')
  @ApiBody({
    required: true,
    description: 'the checkpoint as served, then the lines a witness answered to add-checkpoint (C2SP tlog-witness), each "— <name> <base64>" and a newline',
    schema: { type: 'string', minLength: 1 },
  })
  @ApiResponse({ status: 200, description: 'the cosignatures kept, now served with the checkpoint', content: { 'application/json': { schema: ACCEPTED } } })
  @AnswersErrors('MALFORMED_COSIGNED_NOTE', 'NO_COSIGNATURE', 'CHECKPOINT_NOT_OURS', 'UNKNOWN_WITNESS', 'BAD_COSIGNATURE', 'CHECKPOINTS_NOT_CONFIGURED')
  add(@Body() body: unknown): Promise<AcceptedCosignatures> {
    if (body === undefined || body === '') throw ApiErrors.bodyRequired();
    // A JSON body reaches here parsed: this route reads text/plain only.
    if (typeof body !== 'string') throw ApiErrors.unsupportedMediaType();
    return this.intake.add(body);
  }
}
