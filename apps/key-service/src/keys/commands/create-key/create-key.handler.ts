import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, displayPrefix, formatToken, newKeyId, newSecret, type Clock } from '@pxxl/contracts';
import { decide, initialState } from '../../domain/api-key';
import { SECRET_HASHER, type SecretHasher } from '../../ports';
import { EventRecording } from '../shared/record-events';
import { PolicyLoader } from '../../queries/shared/policy-loader';
import { CreateKeyCommand } from './create-key.command';
import type { CreateKeyResult } from './create-key.result';

@CommandHandler(CreateKeyCommand)
export class CreateKeyHandler implements ICommandHandler<CreateKeyCommand, CreateKeyResult> {
  constructor(
    @Inject(SECRET_HASHER) private readonly hasher: SecretHasher,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly recording: EventRecording,
    private readonly policies: PolicyLoader,
  ) {}

  async execute({ input }: CreateKeyCommand): Promise<CreateKeyResult> {
    const keyId = newKeyId();
    const secret = newSecret();
    // bcrypt runs on the libuv pool while the policy is read: the two overlap.
    const [{ policy }, secretHash] = await Promise.all([this.policies.load(input.workspaceId), this.hasher.hash(secret)]);
    const now = this.clock.now();
    const decided = decide(
      {
        type: 'CreateKey',
        keyId,
        workspaceId: input.workspaceId,
        name: input.name,
        description: input.description,
        scopes: input.scopes,
        preset: input.preset,
        presetResource: input.presetResource,
        expiresAt: input.expiresAt,
        limits: input.limits,
        owner: input.owner,
        secretHash,
        displayPrefix: displayPrefix(keyId, secret),
        now,
        grantor: input.grantor,
        policy,
      },
      initialState,
    );
    const { events, projected } = await this.recording.recordKeyEvents(decided, {
      keyId,
      workspaceId: input.workspaceId,
      expectedVersion: 0,
      actor: input.actor,
      now,
    });
    const created = events[0];
    if (created.type !== 'KeyCreated') throw new Error('CreateKey must decide KeyCreated');
    return {
      keyId,
      token: formatToken(keyId, secret),
      workspaceId: input.workspaceId,
      name: created.data.name,
      description: created.data.description,
      scopes: created.data.scopes,
      expiresAt: created.data.expiresAt,
      createdAt: created.occurredAt,
      createdBy: created.actor,
      displayPrefix: created.data.displayPrefix,
      owner: events.find((event) => event.type === 'KeyOwnerChanged')?.data.owner ?? null,
      version: events[events.length - 1].version,
      projected,
    };
  }
}
