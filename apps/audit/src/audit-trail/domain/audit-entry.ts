import { isReviewEvent, reviewedKeyOf, type KeyLimits, type TopicEvent } from '@pxxl/contracts';

function formatDuration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** "rate 100 per 60 s; quota 1000, refilled 500 a day; IPs 10.0.0.0/8" (or "none"). */
export function describeLimits(limits: KeyLimits): string {
  const parts: string[] = [];
  if (limits.rateLimit) parts.push(`rate ${limits.rateLimit.limit} per ${formatDuration(limits.rateLimit.windowSeconds)}`);
  if (limits.usage) {
    const refill = limits.usage.refill ? `, refilled ${limits.usage.refill.amount} a ${limits.usage.refill.interval}` : '';
    parts.push(`quota ${limits.usage.limit}${refill}`);
  }
  if (limits.allowedIps) parts.push(`IPs ${limits.allowedIps.join(', ')}`);
  return parts.length === 0 ? 'none' : parts.join('; ');
}

/** A reviewer-friendly line: "scopes granted: …", "rotated, grace 1 h", "revoked: leaked". */
export function summarize(event: TopicEvent): string {
  switch (event.type) {
    case 'KeyCreated':
      return `created "${event.data.name}"; scopes granted: ${event.data.scopes.join(', ')}; expires ${event.data.expiresAt ?? 'never'}`;
    case 'KeyRotated':
      return event.data.gracePeriodSeconds > 0
        ? `rotated, grace ${formatDuration(event.data.gracePeriodSeconds)} (old secret valid until ${event.data.previousSecretValidUntil})`
        : 'rotated; the old secret stopped at once';
    case 'KeyRevoked':
      return event.data.reason ? `revoked: ${event.data.reason}` : 'revoked';
    case 'KeyUpdated': {
      const parts: string[] = [];
      if (event.data.name !== undefined) parts.push(`renamed to "${event.data.name}"`);
      if (event.data.description !== undefined) parts.push(event.data.description === null ? 'description cleared' : 'description changed');
      return parts.join('; ');
    }
    case 'KeyLimitsChanged':
      return `limits set: ${describeLimits(event.data)}`;
    case 'KeyCreditsAdded':
      return `usage quota topped up by ${event.data.amount} verification${event.data.amount === 1 ? '' : 's'}${event.data.period === 'all' ? '' : ` for ${event.data.period}`}`;
    case 'KeyBrowserUseRefused': {
      const signals = [
        event.data.origin !== null ? `Origin ${event.data.origin}` : null,
        event.data.secFetchSite !== null ? `Sec-Fetch-Site ${event.data.secFetchSite}` : null,
        event.data.secFetchMode !== null ? `Sec-Fetch-Mode ${event.data.secFetchMode}` : null,
      ].filter((part) => part !== null);
      return `browser use refused on ${event.data.route} (${signals.join(', ')})`;
    }
    case 'KeyOwnerChanged':
      if (event.data.previousOwner === null) return `owner set to ${event.data.owner}`;
      return `owner changed from ${event.data.previousOwner} to ${event.data.owner ?? 'nobody'}; rotation due`;
    case 'WorkspacePolicyChanged': {
      const p = event.data;
      const allowList = p.scopeAllowList === null ? 'the whole catalog' : p.scopeAllowList.join(', ') || 'nothing';
      const maxima = describeLimits({ rateLimit: p.maxRateLimit, usage: p.maxUsageLimit === null ? null : { limit: p.maxUsageLimit, refill: null }, allowedIps: null });
      return (
        `workspace policy changed: max lifetime ${p.maxLifetimeDays} d; non-expiring keys ${p.allowNonExpiring ? 'allowed' : 'not allowed'}; max grace ${formatDuration(p.maxGracePeriodSeconds)}; scopes allowed: ${allowList}` +
        `; owner ${p.requireOwner ? 'required' : 'optional'}; expiry notices ${p.expiryNoticeDays.length === 0 ? 'none' : p.expiryNoticeDays.map((d) => `${d} d`).join(', ')}` +
        `; limit maxima: ${maxima}${p.requireAllowedIps ? '; IP allow-list required' : ''}`
      );
    }
    case 'KeyExpiring':
      return `expiry notice: expires within ${event.data.thresholdDays} day${event.data.thresholdDays === 1 ? '' : 's'}, at ${event.data.expiresAt}; owner ${event.data.owner ?? 'none'}`;
    case 'KeyExpired':
      return `expired at ${event.data.expiresAt}; owner ${event.data.owner ?? 'none'}`;
    case 'ReviewOpened': {
      const filters = [event.data.owner && `owner ${event.data.owner}`, event.data.scope && `scope ${event.data.scope}`].filter(Boolean);
      return `review "${event.data.title}" opened (${event.reviewId}), due ${event.data.dueAt}; ${event.data.keys.length} key${event.data.keys.length === 1 ? '' : 's'} in scope${filters.length > 0 ? ` (${filters.join(', ')})` : ''}`;
    }
    case 'KeyReviewed': {
      const d = event.data;
      const target = d.decision === 'shorten-expiry' ? ` to ${d.expiresAt}` : d.decision === 'reassign' ? ` to ${d.owner}` : '';
      return `reviewed in ${event.reviewId}: ${d.decision}${target} by key ${d.reviewer.keyId}${d.reviewer.owner ? ` (${d.reviewer.owner})` : ''}${d.justification ? `: ${d.justification}` : ''}`;
    }
    case 'ReviewActionApplied':
      return `review ${event.reviewId} decision ${event.data.decision} carried out by ${event.data.followUpEventType} (event ${event.data.followUpEventId})`;
    case 'ReviewSignedOff': {
      const checkpoint = event.data.checkpoint ? `audit checkpoint at size ${event.data.checkpoint.size}` : 'no audit checkpoint signed yet';
      return `review ${event.reviewId} signed off by key ${event.data.by.keyId} over ${event.data.keysReviewed} key${event.data.keysReviewed === 1 ? '' : 's'}; ${checkpoint}`;
    }
  }
}

/** Event data minus secret material: the hash goes to the read model only. */
export function publicDetails(event: TopicEvent): Record<string, unknown> {
  if (event.type === 'KeyCreated' || event.type === 'KeyRotated') {
    const { secretHash: _omitted, ...rest } = event.data;
    return rest;
  }
  return { ...event.data };
}

/** The key's name after this event, given its name before (null when unknown); null for workspace events. */
export function nameAfter(event: TopicEvent, nameBefore: string | null): string | null {
  if (event.type === 'WorkspacePolicyChanged') return null;
  if (isReviewEvent(event)) return reviewedKeyOf(event) === null ? null : nameBefore ?? '(unknown)';
  if (event.type === 'KeyCreated') return event.data.name;
  if (event.type === 'KeyUpdated' && event.data.name !== undefined) return event.data.name;
  return nameBefore ?? '(unknown)';
}
