import { Controller, Get, Header, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { SCOPES, type VerifiedKey } from '@pxxl/contracts';
import { AnswersErrors } from '@pxxl/http';
import { CheckpointTaker } from '../commands/take-checkpoint/checkpoint-taker';
import { TransparencyErrors } from '../domain/transparency-errors';
import { ProofService } from '../queries/prove/proof.service';
import { ConsistencyQueryDto, InclusionQueryDto } from './audit-query.dto';

/** What every checkpoint and proof route can refuse with (the contract adds authentication's answers itself). */
const PROOF_ERRORS = AnswersErrors('VALIDATION_FAILED', 'INVALID_PROOF_REQUEST', 'TREE_SIZE_BEYOND_CHECKPOINT', 'LEAF_OUTSIDE_TREE', 'CHECKPOINTS_NOT_CONFIGURED', 'TREE_NOT_READY');
const answers = (...decorators: MethodDecorator[]): MethodDecorator => (target, key, descriptor) => {
  for (const decorate of [...decorators, PROOF_ERRORS]) decorate(target, key, descriptor);
};

/**
 * Signed checkpoints and RFC 9162 proofs of the caller's own workspace's
 * tree (docs/audit.md, "Signed checkpoints and proofs"). The verifier key
 * is public: anyone may check a checkpoint.
 */
@ApiTags('audit')
@Controller('v1/audit')
export class TransparencyController {
  constructor(
    private readonly checkpoints: CheckpointTaker,
    private readonly proofs: ProofService,
  ) {}

  @Get('verifier-key')
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiOperation({ operationId: 'AuditController_verifierKey', summary: 'The note verifier key checkpoints are signed with (public, no authentication)' })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: '`<name>+<hash>+<base64 key>` and a newline' })
  @AnswersErrors('CHECKPOINTS_NOT_CONFIGURED')
  verifierKey(): string {
    const key = this.checkpoints.verifierKey;
    if (!key) throw TransparencyErrors.notConfigured();
    return `${key}\n`;
  }

  @Get('checkpoint')
  @UseGuards(ApiKeyGuard)
  @RequireScopes(SCOPES.AUDIT_READ)
  @Header('content-type', 'text/plain; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'AuditController_checkpoint', summary: 'The latest signed checkpoint of your workspace, exactly the C2SP signed note' })
  @ApiProduces('text/plain')
  @answers(ApiResponse({ status: 200, description: 'origin, tree size, root hash, a blank line, signature lines: the log\'s, then the configured witnesses\' cosignatures' }))
  async checkpoint(@CurrentKey() caller: VerifiedKey): Promise<string> {
    return (await this.checkpoints.takeCosigned(caller.workspaceId)).note;
  }

  @Get('proofs/inclusion')
  @UseGuards(ApiKeyGuard)
  @RequireScopes(SCOPES.AUDIT_READ)
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'AuditController_inclusionProof', summary: 'That an entry (seq or eventId) is in the tree of a signed checkpoint' })
  @answers(
    ApiResponse({ status: 200, description: '{seq, eventId, leafIndex, treeSize, entry, leafHash, proof: [base64]}' }),
    AnswersErrors('ENTRY_NOT_FOUND'),
  )
  inclusion(@Query() q: InclusionQueryDto, @CurrentKey() caller: VerifiedKey) {
    if ((q.seq === undefined) === (q.eventId === undefined)) throw TransparencyErrors.invalidProofRequest('give seq or eventId, one of them');
    return this.proofs.inclusion(caller.workspaceId, { seq: q.seq, eventId: q.eventId }, q.treeSize);
  }

  @Get('proofs/consistency')
  @UseGuards(ApiKeyGuard)
  @RequireScopes(SCOPES.AUDIT_READ)
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'AuditController_consistencyProof', summary: 'That the tree of an earlier checkpoint (from) is a prefix of a later one (to)' })
  @answers(ApiResponse({ status: 200, description: '{from, to, proof: [base64]}' }))
  consistency(@Query() q: ConsistencyQueryDto, @CurrentKey() caller: VerifiedKey) {
    return this.proofs.consistency(caller.workspaceId, q.from, q.to);
  }
}
