import { expiryNoticeEventId, parseKeyEvent } from '@pxxl/contracts';
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

  it('names all fifteen types the topic carries, and says a workspace event has no keyId', () => {
    for (const type of ['KeyCreated', 'KeyRotated', 'KeyRevoked', 'KeyUpdated', 'KeyLimitsChanged', 'KeyCreditsAdded', 'KeyBrowserUseRefused', 'WorkspacePolicyChanged', 'KeyExpiring', 'KeyExpired', 'ReviewOpened', 'KeyReviewed', 'ReviewActionApplied', 'ReviewSignedOff', 'KeyOwnerChanged']) {
      expect(doc).toContain(`\`${type}\``);
    }
    expect(doc).toContain('a workspace event has **no `keyId`**');
  });

  it('gives each expiry notice example the eventId derived from what it is about', () => {
    const notices = examples.filter((e) => e.type === 'KeyExpiring' || e.type === 'KeyExpired') as Array<{ type: 'KeyExpiring' | 'KeyExpired'; eventId: string; keyId: string; data: { expiresAt: string; thresholdDays?: number } }>;
    expect(notices.map((e) => e.type)).toEqual(['KeyExpiring', 'KeyExpired']);
    for (const e of notices) expect(e.eventId).toBe(expiryNoticeEventId(e.type, e.keyId, e.data.expiresAt, e.data.thresholdDays ?? null));
  });

  it('names the review campaign events, whose envelope names the review', () => {
    for (const type of ['ReviewOpened', 'KeyReviewed', 'ReviewActionApplied', 'ReviewSignedOff']) expect(doc).toContain(`\`${type}\``);
    expect(doc).toContain('**`reviewId` instead of `keyId`**');
  });
});
