import { walkLinks, type LinkJudgement, type WalkableLink } from './link-walk';

type Link = WalkableLink & { id: string };
const link = (seq: number, attempt: number, state?: 'committed' | 'phantom'): Link => ({ id: `${seq}:${attempt}`, seq, attempt, state });
const never = async (): Promise<LinkJudgement> => {
  throw new Error('no judging expected');
};

describe('walkLinks', () => {
  it('follows committed positions and stops at the first free one', async () => {
    const result = await walkLinks([link(3, 0, 'committed'), link(4, 0, 'committed')], 2, never);
    expect(result.chain.map((l) => l.id)).toEqual(['3:0', '4:0']);
    expect(result).toMatchObject({ nextSeq: 5, nextAttempt: 0, stoppedAt: 'free' });
  });

  it('skips phantom attempts and claims the position again with the next attempt', async () => {
    const result = await walkLinks([link(1, 0, 'committed'), link(2, 0, 'phantom'), link(2, 1, 'committed'), link(3, 0, 'phantom')], 0, never);
    expect(result.chain.map((l) => l.id)).toEqual(['1:0', '2:1']);
    expect(result).toMatchObject({ nextSeq: 3, nextAttempt: 1 });
  });

  it('judges links not judged yet, in order, and stops at an undecided one', async () => {
    const judged: string[] = [];
    const judge = async (l: Link): Promise<LinkJudgement> => {
      judged.push(l.id);
      return l.id === '2:0' ? 'committed' : 'undecided';
    };
    const result = await walkLinks([link(1, 0, 'committed'), link(2, 0), link(3, 0), link(4, 0)], 0, judge);
    expect(judged).toEqual(['2:0', '3:0']);
    expect(result.chain.map((l) => l.id)).toEqual(['1:0', '2:0']);
    expect(result).toMatchObject({ nextSeq: 3, stoppedAt: 'undecided' });
  });

  it('ignores links before the start and does not judge attempts after the chosen one', async () => {
    const result = await walkLinks([link(1, 0), link(5, 0, 'committed'), link(5, 1)], 4, never);
    expect(result.chain.map((l) => l.id)).toEqual(['5:0']);
    expect(result).toMatchObject({ nextSeq: 6, nextAttempt: 0 });
  });
});
