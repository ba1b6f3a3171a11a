import { CommandBus } from '@nestjs/cqrs';
import { Metrics } from '@pxxl/observability';
import { KeyErrors } from '../domain/api-key.errors';
import { RevokeKeyCommand } from '../commands/revoke-key/revoke-key.command';
import { CommandMetrics, outcomeOf } from './command-metrics';

describe('CommandMetrics', () => {
  it('labels an expected refusal by its stable code and anything else as error, never by its message', () => {
    expect(outcomeOf(KeyErrors.alreadyRevoked('k'))).toBe('KEY_ALREADY_REVOKED');
    expect(outcomeOf(new Error('connection to 10.0.0.7 closed'))).toBe('error');
    expect(outcomeOf(Object.assign(new Error('x'), { code: 'ECONNRESET for key abc' }))).toBe('error');
    expect(outcomeOf(undefined)).toBe('error');
  });

  it('counts every command on the bus by type and outcome, and passes answers and errors through', async () => {
    const handler = jest.fn().mockResolvedValueOnce('done').mockRejectedValueOnce(KeyErrors.alreadyRevoked('k'));
    const bus = { execute: handler } as unknown as CommandBus;
    const metrics = new Metrics('test', { processMetrics: false });
    new CommandMetrics(bus, metrics).onModuleInit();
    const command = Object.create(RevokeKeyCommand.prototype) as RevokeKeyCommand;
    await expect(bus.execute(command)).resolves.toBe('done');
    await expect(bus.execute(command)).rejects.toMatchObject({ code: 'KEY_ALREADY_REVOKED' });
    expect((await metrics.exposition()).split('\n').filter((l) => l.startsWith('pxxl_keys_commands_total'))).toEqual([
      'pxxl_keys_commands_total{type="RevokeKey",outcome="ok",app="test"} 1',
      'pxxl_keys_commands_total{type="RevokeKey",outcome="KEY_ALREADY_REVOKED",app="test"} 1',
    ]);
  });
});
