import { envelopeEvent, type KeyEvent } from '@pxxl/contracts';
import fc from 'fast-check';
import { decide, evolve, fold, initialState, type ApiKeyState, type KeyCommand } from './api-key';
import { DomainError } from './api-key.errors';
import { keyGrantor, SYSTEM_GRANTOR } from './grant-rules';

const KEY_ID = 'PropertyKey00001';
const HASH = '$2b$10$' + 'p'.repeat(53);
const NOW = new Date('2026-06-01T00:00:00.000Z');
// The system, or a narrower key: escalation refusals are expected outcomes too.
const grantor = fc.constantFrom(SYSTEM_GRANTOR, keyGrantor(['cdn:upload', 'usage:read']));

const command: fc.Arbitrary<KeyCommand> = fc.oneof(
  fc.record({
    type: fc.constant('CreateKey' as const),
    keyId: fc.constant(KEY_ID),
    workspaceId: fc.constant('acme'),
    name: fc.string({ maxLength: 110 }),
    description: fc.option(fc.string({ maxLength: 20 })),
    scopes: fc.array(fc.constantFrom('cdn:upload', 'cdn:read:space-1', 'usage:read', 'bogus'), { maxLength: 3 }),
    expiresAt: fc.option(fc.integer({ min: -10, max: 400 }).map((d) => new Date(NOW.getTime() + d * 86400_000).toISOString())),
    secretHash: fc.constant(HASH),
    displayPrefix: fc.constant(`pxxl_${KEY_ID}_abcd`),
    now: fc.constant(NOW),
    grantor,
  }),
  fc.record({
    type: fc.constant('RotateKey' as const),
    secretHash: fc.constant(HASH),
    displayPrefix: fc.constant(`pxxl_${KEY_ID}_wxyz`),
    gracePeriodSeconds: fc.option(fc.integer({ min: -5, max: 800_000 }), { nil: undefined }),
    now: fc.constant(NOW),
    grantor,
  }),
  fc.record({ type: fc.constant('RevokeKey' as const), reason: fc.option(fc.string({ maxLength: 30 })) }),
  fc.record({ type: fc.constant('UpdateKey' as const), name: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }) }),
);

describe('API key decider (property-based)', () => {
  it('any sequence of commands leaves a state equal to the fold of the events it produced', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 12 }), (commands) => {
        let state: ApiKeyState = initialState;
        const log: KeyEvent[] = [];
        for (const cmd of commands) {
          try {
            for (const decided of decide(cmd, state)) {
              const event = envelopeEvent(decided, {
                eventId: `e${log.length}`,
                keyId: KEY_ID,
                workspaceId: 'acme',
                version: state.version + 1,
                occurredAt: NOW.toISOString(),
                actor: 'system',
              });
              log.push(event);
              state = evolve(state, event);
            }
          } catch (error) {
            // Refusals are expected outcomes, and only as domain errors with a code.
            expect(error).toBeInstanceOf(DomainError);
          }
        }
        expect(state).toEqual(fold(log));
        expect(log.map((e) => e.version)).toEqual(log.map((_, i) => i + 1));
        expect(log.filter((e) => e.type === 'KeyCreated').length).toBeLessThanOrEqual(1);
        const revokedAt = log.findIndex((e) => e.type === 'KeyRevoked');
        if (revokedAt >= 0) expect(log.slice(revokedAt + 1)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
