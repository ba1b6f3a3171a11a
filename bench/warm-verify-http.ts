/* eslint-disable no-console */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LimitRow as Row } from './limits';

/** The concurrencies goal (a) is judged at. */
const CONNECTIONS = [50, 10] as const;

export interface WarmVerifyTarget {
  /** Where POST /v1/verify is served. */
  url: string;
  /** VERIFY_CONFIRMS_READ_MODEL of that instance. */
  confirms: 'never' | 'always';
  /** Its pid: its CPU per request is read from /proc, and it is profiled with `--profile`. */
  pid: number;
}

interface Load {
  rps: number;
  /** CPU the server used per answered request, µs (user + system, from /proc). */
  cpuUs: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** user + system CPU of a process so far, in µs (Linux /proc; clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function load(url: string, key: string, connections: number, duration: number, pid: number): Promise<Load> {
  const cpuBefore = cpuOf(pid);
  const result = await autocannon({
    url: `${url}/v1/verify`,
    method: 'POST',
    connections,
    duration,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key }),
  });
  const cpuUs = Math.round((cpuOf(pid) - cpuBefore) / Math.max(1, result.requests.total));
  return { rps: Math.round(result.requests.average), cpuUs, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/**
 * (a) warm verify over HTTP: each instance of the key service against a bare
 * Fastify route answering the same bytes (bench/ceiling-server.js), at each
 * concurrency, after a short warm-up of each (the JIT, the connections). The
 * ceiling is measured right after ours at the same concurrency, so both see
 * the same load from the other processes on the machine.
 */
export async function benchWarmVerifyHttp(options: {
  root: string;
  targets: WarmVerifyTarget[];
  key: string;
  answer: string;
  quick: boolean;
  /** A directory to write a CPU profile of each target's load into (bench/cpu-profile-hook.js). */
  profileDir?: string;
}): Promise<Row[]> {
  const duration = options.quick ? 5 : 10;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const ceiling = spawn(process.execPath, [join(options.root, 'bench/ceiling-server.js'), String(port), options.answer], { stdio: ['ignore', 'pipe', 'inherit'] });
  const bareUrl = `http://127.0.0.1:${port}`;
  const rows: Row[] = [];
  try {
    await new Promise((resolve) => ceiling.stdout!.once('data', resolve));
    const check = await fetch(`${bareUrl}/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.text());
    if (check !== options.answer) throw new Error('the ceiling route does not answer the same bytes');
    await load(bareUrl, options.key, 10, 2, ceiling.pid!);
    for (const target of options.targets) {
      const ours = await fetch(`${target.url}/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: options.key }) }).then((r) => r.text());
      if (ours !== options.answer) throw new Error(`the ${target.confirms} instance answers other bytes than the first verify: ${ours}`);
      await load(target.url, options.key, 10, 2, target.pid);
      for (const connections of CONNECTIONS) {
        const profiling = options.profileDir !== undefined && connections === CONNECTIONS[0];
        if (profiling) process.kill(target.pid, 'SIGWINCH');
        const mine = await load(target.url, options.key, connections, duration, target.pid);
        if (profiling) {
          process.kill(target.pid, 'SIGWINCH');
          await new Promise((resolve) => setTimeout(resolve, 1500));
        }
        const bare = await load(bareUrl, options.key, connections, duration, ceiling.pid!);
        const ratio = mine.rps / bare.rps;
        const p99Ratio = mine.p99 / Math.max(bare.p99, 1);
        rows.push({
          id: target.confirms === 'never' ? 'a' : "a'",
          scenario: `warm verify over HTTP, ${connections} connections (VERIFY_CONFIRMS_READ_MODEL=${target.confirms})`,
          figure: 'req/s',
          value: mine.rps,
          ceilingLabel: `bare Fastify route, same bytes, ${connections} connections, req/s`,
          ceiling: bare.rps,
          goal: '≥ 70% of ceiling req/s; p99 ≤ 1.5 × ceiling p99',
          met: ratio >= 0.7 && mine.p99 <= 1.5 * Math.max(bare.p99, 1) && mine.non2xx === 0 && mine.errors === 0,
          note:
            `${connections} connections, ${duration} s each: p50 ${mine.p50} ms, p99 ${mine.p99} ms (ceiling p50 ${bare.p50}, p99 ${bare.p99}; p99 ratio ${Math.round(p99Ratio * 100) / 100}); ` +
            `server CPU per request ${mine.cpuUs} µs (ceiling ${bare.cpuUs} µs); non-2xx ${mine.non2xx}, errors ${mine.errors}` +
            (target.confirms === 'always' ? '; every warm verify also reads the key’s version from the read model (one `_id` read)' : '') +
            (profiling ? `; CPU profile of this load: ${topFrames(options.profileDir!, target.pid)}` : ''),
        });
      }
    }
  } finally {
    ceiling.kill();
  }
  return rows;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Self time by package (node_modules/<name>, node: internals, our code) of the newest profile of `pid`, largest first. */
export function topFrames(dir: string, pid: number): string {
  const file = readdirSync(dir)
    .filter((name) => name.startsWith(`${pid}-`) && name.endsWith('.cpuprofile'))
    .sort()
    .pop();
  if (!file) return 'not written';
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[] };
  const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const bucket = new Map<string, number>();
  for (const node of profile.nodes) {
    const { url, functionName } = node.callFrame;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    const name = pkg ?? (url.includes('/dist/') ? 'pxxl (dist/)' : url.startsWith('node:') ? 'node internals' : functionName.startsWith('(') ? functionName : 'native/other');
    bucket.set(name, (bucket.get(name) ?? 0) + (node.hitCount ?? 0));
  }
  const top = [...bucket].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return `${file}, self time ${top.map(([name, hits]) => `${name} ${Math.round((hits / total) * 100)}%`).join(', ')}`;
}
