import { parseKeyEvent } from '@pxxl/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'events.md'), 'utf8');
const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as Record<string, unknown>).filter((value) => typeof value.type === 'string');

/** docs/events.md is what a subscriber in another language codes against: its examples must be real messages. */
describe('docs/events.md', () => {
  it('has an example message of several types', () => {
    expect(new Set(examples.map((e) => e.type)).size).toBeGreaterThanOrEqual(3);
  });

  it.each(examples.map((e) => [e.type, e] as const))('its %s example passes the published schema', (_type, example) => {
    expect(() => parseKeyEvent(Buffer.from(JSON.stringify(example)))).not.toThrow();
  });

  it('names all eight types the topic carries, and says a workspace event has no keyId', () => {
    for (const type of ['KeyCreated', 'KeyRotated', 'KeyRevoked', 'KeyUpdated', 'KeyLimitsChanged', 'KeyCreditsAdded', 'KeyBrowserUseRefused', 'WorkspacePolicyChanged']) {
      expect(doc).toContain(`\`${type}\``);
    }
    expect(doc).toContain('a workspace event has **no `keyId`**');
  });

  it('names the review campaign events, whose envelope names the review', () => {
    for (const type of ['ReviewOpened', 'KeyReviewed', 'ReviewActionApplied', 'ReviewSignedOff']) expect(doc).toContain(`\`${type}\``);
    expect(doc).toContain('**`reviewId` instead of `keyId`**');
  });
});
