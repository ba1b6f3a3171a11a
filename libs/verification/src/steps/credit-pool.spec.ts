import type { CreditLedger, CreditRange } from './credit-ledger';
import { CreditPool, type PoolGrant } from './credit-pool';

/** The ledger's rules in memory: an id can be taken once (as an insert that collides on `_id`). */
class MemoryLedger implements CreditLedger {
  readonly ids = new Map<string, { kind: string; range: CreditRange }>();
  writes = 0;
  async takeBlock(scope: string, n: number, range: CreditRange) {
    return this.insert(`${scope}#b${n}`, 'block', range);
  }
  async takeRange(scope: string, range: CreditRange) {
    return this.insert(`${scope}#c${range.start}`, 'taken', range);
  }
  async giveBack(scope: string, range: CreditRange) {
    this.insert(`${scope}#r${range.start}`, 'givenBack', range);
  }
  async untake(scope: string, start: number) {
    this.ids.delete(`${scope}#c${start}`);
  }
  async givenBack(scope: string) {
    return [...this.ids.entries()]
      .filter(([id, doc]) => id.startsWith(`${scope}#r`) && doc.kind === 'givenBack' && !this.ids.has(`${scope}#c${doc.range.start}`))
      .map(([, doc]) => doc.range);
  }
  async taken(scope: string) {
    return [...this.ids.entries()].filter(([id]) => id.startsWith(scope)).reduce((sum, [, d]) => sum + (d.kind === 'givenBack' ? -1 : 1) * (d.range.end - d.range.start), 0);
  }
  private insert(id: string, kind: string, range: CreditRange): boolean {
    this.writes++;
    if (this.ids.has(id)) return false;
    this.ids.set(id, { kind, range });
    return true;
  }
}

const grant = (overrides: Partial<PoolGrant> = {}): PoolGrant => ({ scope: 'q:key:1:all', grant: 10, blockSize: 3, extra: [], expiresAt: null, ...overrides });

async function spend(pool: CreditPool): Promise<boolean> {
  if (pool.trySpend()) return true;
  while (await pool.refill()) if (pool.trySpend()) return true;
  return false;
}

async function spendAll(pool: CreditPool): Promise<number> {
  let spent = 0;
  while (await spend(pool)) spent++;
  return spent;
}

describe('CreditPool', () => {
  it('given one process, spends exactly the grant, writing once per block', async () => {
    const ledger = new MemoryLedger();
    expect(await spendAll(new CreditPool(ledger, grant(), () => 0))).toBe(10);
    // Blocks [0,3) [3,6) [6,9) [9,10): four takes.
    expect(ledger.writes).toBe(4);
  });

  it('given two processes taking turns, never spends a credit twice: together exactly the grant', async () => {
    const ledger = new MemoryLedger();
    const [a, b] = [new CreditPool(ledger, grant(), () => 0), new CreditPool(ledger, grant(), () => 0)];
    let spent = 0;
    for (let i = 0; i < 40; i++) if (await spend(i % 2 === 0 ? a : b)) spent++;
    expect(spent).toBe(10);
  });

  it('given a process that closes with credits unspent, another one spends them: nothing lost, nothing doubled', async () => {
    const ledger = new MemoryLedger();
    const a = new CreditPool(ledger, grant(), () => 0);
    expect(await spend(a)).toBe(true);
    await a.close();
    const b = new CreditPool(ledger, grant(), () => 0);
    expect(await spendAll(b)).toBe(9);
    expect(await ledger.taken('q:key:1:all')).toBe(10);
  });

  it('given a top-up range, spends it once the grant is gone', async () => {
    const ledger = new MemoryLedger();
    const pool = new CreditPool(ledger, grant({ extra: [{ start: 10, end: 15 }] }), () => 0);
    expect(await spendAll(pool)).toBe(15);
  });

  it('given a spent scope, asks the ledger again only after a pause, and sees a top-up at once', async () => {
    const ledger = new MemoryLedger();
    const clock = { now: 0 };
    const pool = new CreditPool(ledger, grant({ grant: 2, blockSize: 2 }), () => clock.now, 1000);
    expect(await spendAll(pool)).toBe(2);
    const writes = ledger.writes;
    expect(await spend(pool)).toBe(false);
    expect(ledger.writes).toBe(writes);
    pool.update(grant({ grant: 2, blockSize: 2, extra: [{ start: 2, end: 3 }] }));
    expect(await spend(pool)).toBe(true);
  });
});
