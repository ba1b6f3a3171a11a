import { httpRequest, type TestResponse } from './http';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DEPLOYMENT = '/v1/deployments/dep_1001';

export type Op = 'create' | 'rotate' | 'update' | 'revoke' | 'verify';

/** One answer (or none: the instance was down) to one request of the load. */
export interface Answer {
  at: number;
  phase: string;
  op: Op;
  instance: number;
  status: number | 'down';
  code?: string;
}

/** A command answered 2xx: the event it appended must be in the store, on the topic and in the audit trail once. */
export interface Accepted {
  keyId: string;
  version: number;
  status: number;
}

/** What became of one revocation answered 2xx: refused at once by the other instance, and when by each subscriber. */
export interface RevocationSeen {
  phase: string;
  keyId: string;
  status: number;
  /** The other key-service instance's verify answer right after the revoke answered (code REVOKED expected). */
  otherInstance: string;
  /** ms from the revoke's answer until each subscriber refused the key; null: not within the poll window. */
  subscriberMs: Array<number | null>;
}

export interface LoadTargets {
  /** The key-service instances, by base URL. */
  instances: string[];
  /** The subscribing services (bearer-auth guards with a revocation listener), by base URL. */
  subscribers: string[];
  /** One bootstrap admin token per workspace. */
  admins: string[];
}

interface LiveKey {
  id: string;
  token: string;
}

/**
 * Steady, bounded mixed load over several workspaces and both key-service
 * instances: creates (each verified at once on the other instance), rotations,
 * updates and revocations (each checked on the other instance at once, then
 * polled at every subscriber until refused), plus a verifier alternating
 * between the instances. A request that got no answer (its instance was
 * killed) leaves its key alone afterwards: whether it happened is for the
 * reconciliation to show, never half.
 */
export class ClusterLoad {
  readonly answers: Answer[] = [];
  readonly accepted: Accepted[] = [];
  readonly revocations: RevocationSeen[] = [];
  /** The tokens of every key revoked with a 2xx, to ask each subscriber once more at the end. */
  readonly revokedTokens: string[] = [];
  /** Creates answered on one instance that the other did not verify at once. */
  readonly notVerifiedElsewhere: string[] = [];
  phase = 'steady';
  private downCount = 0;
  private probeToken?: string;
  private stopped = false;
  private running: Promise<void>[] = [];

  constructor(
    private readonly targets: LoadTargets,
    private readonly options: { workers: number; maxCommands: number; pollSubscribersMs: number },
  ) {}

  start(): void {
    this.running = [
      ...Array.from({ length: this.options.workers }, (_, w) => this.worker(w)),
      this.verifier(),
    ];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
  }

  private get done(): boolean {
    return this.stopped || this.accepted.length >= this.options.maxCommands;
  }

  private async call(op: Op, instance: number, method: string, path: string, token: string | undefined, body: unknown): Promise<TestResponse | undefined> {
    const at = Date.now();
    const phase = this.phase;
    try {
      const response = await httpRequest(this.targets.instances[instance], method, path, { token, body });
      this.answers.push({ at, phase, op, instance, status: response.status, code: response.body?.code ?? response.body?.consistency });
      return response;
    } catch {
      this.downCount++;
      this.answers.push({ at, phase, op, instance, status: 'down' });
      return undefined;
    }
  }

  private accept(response: TestResponse, keyId: string): void {
    this.accepted.push({ keyId, version: response.body.version, status: response.status });
  }

  private async worker(w: number): Promise<void> {
    const admin = this.targets.admins[w % this.targets.admins.length];
    const live: LiveKey[] = [];
    for (let i = 0; !this.done; i++) {
      const instance = (i + w) % this.targets.instances.length;
      const other = (instance + 1) % this.targets.instances.length;
      const roll = i % 6;
      const downBefore = this.downCount;
      const op: Op = live.length < 3 || roll === 0 || roll === 5 ? 'create' : roll === 1 ? 'rotate' : roll === 2 ? 'update' : roll === 3 ? 'revoke' : 'create';
      if (op === 'create') {
        // 30 days: past the default expiry notice thresholds (14 and 1 days). With 5 days, every key
        // created got a KeyExpiring from both instances' first notice pass a minute in: a burst of
        // hundreds of extra commands that, on two cores, took revocations past a second.
        const created = await this.call(op, instance, 'POST', '/v1/keys', admin, { name: `w${w}-${i}`, scopes: ['deployments:read'], expiresAt: inDays(30) });
        if (created && created.status < 300) {
          this.accept(created, created.body.id);
          live.push({ id: created.body.id, token: created.body.key });
          this.probeToken = created.body.key;
          const elsewhere = await this.call('verify', other, 'POST', '/v1/verify', undefined, { key: created.body.key });
          if (elsewhere && elsewhere.body?.valid !== true) this.notVerifiedElsewhere.push(`${created.body.id}: ${elsewhere.status} ${elsewhere.text.slice(0, 80)}`);
        }
      } else if (op === 'revoke') {
        await this.revoke(live.shift()!, admin, instance, other);
      } else {
        const target = live[live.length - 1];
        const response =
          op === 'rotate'
            ? await this.call(op, instance, 'POST', `/v1/keys/${target.id}/rotate`, admin, {})
            : await this.call(op, instance, 'PATCH', `/v1/keys/${target.id}`, admin, { description: `update ${i}` });
        if (response && response.status < 300) {
          this.accept(response, target.id);
          if (op === 'rotate') target.token = response.body.key;
        } else live.pop(); // unknown or refused: leave the key alone from now on
      }
      if (this.downCount > downBefore) await sleep(100); // an instance is down: a client backs off

    }
  }

  private async revoke(key: LiveKey, admin: string, instance: number, other: number): Promise<void> {
    // Each subscriber caches the key's VALID answer first, so only its revocation listener (or
    // its staleness bound, when the listener cannot hear the brokers) can make it refuse.
    await Promise.all(this.targets.subscribers.map((url) => httpRequest(url, 'GET', DEPLOYMENT, { token: key.token }).catch(() => undefined)));
    const phase = this.phase;
    const response = await this.call('revoke', instance, 'POST', `/v1/keys/${key.id}/revoke`, admin, { reason: 'cluster scenario' });
    if (!response || response.status >= 300) return;
    const answeredAt = Date.now();
    this.accept(response, key.id);
    this.revokedTokens.push(key.token);
    const elsewhere = await this.call('verify', other, 'POST', '/v1/verify', undefined, { key: key.token });
    const subscriberMs = await Promise.all(this.targets.subscribers.map((url) => this.refusedAfter(url, key.token, answeredAt)));
    this.revocations.push({ phase, keyId: key.id, status: response.status, otherInstance: elsewhere ? String(elsewhere.body?.code ?? elsewhere.status) : 'down', subscriberMs });
  }

  private async refusedAfter(url: string, token: string, since: number): Promise<number | null> {
    while (Date.now() - since <= this.options.pollSubscribersMs) {
      const answer = await httpRequest(url, 'GET', DEPLOYMENT, { token }).catch(() => undefined);
      if (answer && answer.status === 401) return Date.now() - since;
      await sleep(10);
    }
    return null;
  }

  /** Verifies the newest key created (revoked later or not), alternating instances: every answer must be 200. */
  private async verifier(): Promise<void> {
    for (let i = 0; !this.done; i++) {
      if (this.probeToken) await this.call('verify', i % this.targets.instances.length, 'POST', '/v1/verify', undefined, { key: this.probeToken });
      await sleep(20);
    }
  }
}

/** Tokens that a subscriber still lets through (anything but 401), by subscriber. */
export async function stillAccepted(subscribers: string[], tokens: string[]): Promise<string[]> {
  const through: string[] = [];
  for (const url of subscribers) {
    for (const token of tokens) {
      const answer = await httpRequest(url, 'GET', DEPLOYMENT, { token });
      if (answer.status !== 401) through.push(`${url}: ${token.slice(0, 22)}… answered ${answer.status}`);
    }
  }
  return through;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/** p50/p99/max of the slower subscriber's refusal after each revoke answered, by phase. */
export function propagationByPhase(revocations: RevocationSeen[]): Record<string, { count: number; p50: number; p99: number; max: number; missed: number }> {
  const phases: Record<string, { count: number; p50: number; p99: number; max: number; missed: number }> = {};
  for (const phase of [...new Set(revocations.map((r) => r.phase))]) {
    const of = revocations.filter((r) => r.phase === phase);
    const seen = of.filter((r) => r.subscriberMs.every((ms) => ms !== null)).map((r) => Math.max(...(r.subscriberMs as number[])));
    seen.sort((a, b) => a - b);
    phases[phase] = { count: of.length, p50: percentile(seen, 50), p99: percentile(seen, 99), max: seen[seen.length - 1] ?? NaN, missed: of.length - seen.length };
  }
  return phases;
}
