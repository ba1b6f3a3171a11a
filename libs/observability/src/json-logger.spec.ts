import { JsonLogger } from './json-logger';

describe('JsonLogger', () => {
  function capture(level: 'debug' | 'info' = 'info') {
    const lines: string[] = [];
    return { logger: new JsonLogger('key-service', level, (line) => lines.push(line)), lines };
  }

  it('writes one JSON object per line with level, app and context', () => {
    const { logger, lines } = capture();
    logger.log({ msg: 'key created', keyId: 'AbCdEfGh12345678' }, 'CreateKeyHandler');
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', app: 'key-service', context: 'CreateKeyHandler', keyId: 'AbCdEfGh12345678' });
  });

  it('masks tokens and bcrypt hashes that reach a message', () => {
    const { logger, lines } = capture();
    const token = 'pxxl_AbCdEfGh12345678_' + 'S'.repeat(38);
    const hash = '$2b$10$' + 'h'.repeat(53);
    logger.error(`failed for ${token} with ${hash}`);
    expect(lines[0]).not.toContain('S'.repeat(38));
    expect(lines[0]).not.toContain(hash);
    expect(lines[0]).toContain('pxxl_AbCdEfGh12345678_[REDACTED]');
  });

  it('drops lines below its level', () => {
    const { logger, lines } = capture('info');
    logger.debug('noise');
    expect(lines).toHaveLength(0);
  });
});
