import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '@pxxl/contracts';
import { KeyErrors } from '../../domain/api-key.errors';
import { KEY_OUTCOMES, KEY_READ_MODEL, type KeyOutcomes, type KeyReadModel } from '../../ports';
import { GetKeyUsageQuery } from './get-key-usage.query';
import { USAGE_OUTCOMES, type KeyUsageDay, type KeyUsageReport, type UsageOutcome } from './key-usage-report';

const DAY_MS = 86_400_000;
const zeros = (): Record<UsageOutcome, number> => Object.fromEntries(USAGE_OUTCOMES.map((code) => [code, 0])) as Record<UsageOutcome, number>;

/** A key's verifications per day by outcome, the last `days` days (today included). */
@QueryHandler(GetKeyUsageQuery)
export class GetKeyUsageHandler implements IQueryHandler<GetKeyUsageQuery, KeyUsageReport> {
  constructor(
    @Inject(KEY_READ_MODEL) private readonly keys: KeyReadModel,
    @Inject(KEY_OUTCOMES) private readonly outcomes: KeyOutcomes,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: GetKeyUsageQuery): Promise<KeyUsageReport> {
    const view = await this.keys.get(query.keyId);
    if (view === null || view.workspaceId !== query.workspaceId) throw KeyErrors.notFound(query.keyId);
    const today = Math.floor(this.clock.now().getTime() / DAY_MS) * DAY_MS;
    const dayNames = Array.from({ length: query.days }, (_, i) => new Date(today - (query.days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
    const counted = new Map((await this.outcomes.daily(query.keyId, dayNames[0])).map((entry) => [entry.day, entry.counts]));
    const totals = zeros();
    const days: KeyUsageDay[] = dayNames.map((day) => {
      const counts = { ...zeros(), ...counted.get(day) };
      const row = { day } as KeyUsageDay;
      for (const code of USAGE_OUTCOMES) {
        row[code] = counts[code] ?? 0;
        totals[code] += row[code];
      }
      return row;
    });
    return { keyId: query.keyId, days, totals };
  }
}
