export interface WalkableLink {
  seq: number;
  attempt: number;
  state?: 'committed' | 'phantom';
}

export type LinkJudgement = 'committed' | 'phantom' | 'undecided';

/**
 * Which claimed links form the chain after position `afterSeq`: at each
 * position the lowest attempt that is committed; the walk stops at the
 * first position without one. A link not yet judged is judged by `judge`
 * (the writer commits it on its claimer's behalf; a reader only looks), and
 * an undecided one ends the walk (its writer is still at work). Pure but for
 * `judge`. `links` must be sorted by seq, then attempt.
 */
export async function walkLinks<L extends WalkableLink>(
  links: readonly L[],
  afterSeq: number,
  judge: (link: L) => Promise<LinkJudgement>,
): Promise<{ chain: L[]; nextSeq: number; nextAttempt: number; stoppedAt: 'free' | 'undecided' }> {
  const chain: L[] = [];
  let index = 0;
  for (let seq = afterSeq + 1; ; seq++) {
    while (index < links.length && links[index].seq < seq) index++;
    let attempts = 0;
    let chosen: L | undefined;
    for (; index < links.length && links[index].seq === seq; index++) {
      const link = links[index];
      attempts = Math.max(attempts, link.attempt + 1);
      if (chosen) continue;
      const state = link.state ?? (await judge(link));
      if (state === 'undecided') return { chain, nextSeq: seq, nextAttempt: attempts, stoppedAt: 'undecided' };
      if (state === 'committed') chosen = link;
    }
    if (!chosen) return { chain, nextSeq: seq, nextAttempt: attempts, stoppedAt: 'free' };
    chain.push(chosen);
  }
}
