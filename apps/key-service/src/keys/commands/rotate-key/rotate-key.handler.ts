import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { displayPrefix, formatToken, newSecret } from '@pxxl/contracts';
import { decide } from '../../domain/api-key';
import { SECRET_HASHER, type SecretHasher } from '../../ports';
import { KeyChange } from '../shared/record-events';
import { PolicyLoader } from '../../queries/shared/policy-loader';
import { RotateKeyCommand, type RotateKeyResult } from './rotate-key.command';

/** Same key id, name and scopes; a new secret, returned once. No silent retry on a conflict. */
@CommandHandler(RotateKeyCommand)
export class RotateKeyHandler implements ICommandHandler<RotateKeyCommand, RotateKeyResult> {
  constructor(
    private readonly keys: KeyChange,
    @Inject(SECRET_HASHER) private readonly hasher: SecretHasher,
    private readonly policies: PolicyLoader,
  ) {}

  async execute(command: RotateKeyCommand): Promise<RotateKeyResult> {
    const secret = newSecret();
    // bcrypt runs on the libuv pool while the policy and the key are read: they overlap.
    const hashing = this.hasher.hash(secret);
    hashing.catch(() => undefined); // awaited below; a load failure must not leave it unhandled
    const { policy } = await this.policies.load(command.workspaceId);
    const { state, events, projected } = await this.keys.changeKey(command, async (current, now) =>
      decide(
        {
          type: 'RotateKey',
          secretHash: await hashing,
          displayPrefix: displayPrefix(command.keyId, secret),
          gracePeriodSeconds: command.gracePeriodSeconds,
          now,
          grantor: command.grantor,
          policy,
        },
        current,
      ),
    );
    const rotated = events[0];
    if (rotated.type !== 'KeyRotated') throw new Error('RotateKey must decide KeyRotated');
    return {
      keyId: command.keyId,
      token: formatToken(command.keyId, secret),
      workspaceId: command.workspaceId,
      name: state.name,
      description: state.description,
      scopes: state.scopes,
      expiresAt: state.expiresAt,
      createdAt: rotated.occurredAt,
      createdBy: rotated.actor,
      displayPrefix: rotated.data.displayPrefix,
      owner: state.owner,
      version: rotated.version,
      projected,
      gracePeriodSeconds: rotated.data.gracePeriodSeconds,
      previousSecretValidUntil: rotated.data.previousSecretValidUntil,
    };
  }
}
