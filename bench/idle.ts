import { readFileSync } from 'node:fs';
import type { LimitRow as BenchRow } from './limits';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ: 100 on every Linux we run). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, every thread) a process has used so far, in seconds; undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields from the closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export interface IdleSample {
  /** Per process: percent of one core used over the window. */
  percent: Record<string, number>;
  total: number;
  seconds: number;
}

/** Percent of one core each process used over `seconds` of wall time, read from /proc before and after. */
export async function measureIdleCpu(processes: Record<string, number>, seconds: number): Promise<IdleSample> {
  const before = Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const started = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const percent: Record<string, number> = {};
  for (const [name, pid] of Object.entries(processes)) {
    const after = cpuSeconds(pid);
    const start = before[name];
    if (after === undefined || start === undefined) throw new Error(`idle: ${name} (pid ${pid}) is not running`);
    percent[name] = Math.round(((after - start) / wall) * 1000) / 10;
  }
  const total = Math.round(Object.values(percent).reduce((sum, p) => sum + p, 0) * 10) / 10;
  return { percent, total, seconds: Math.round(wall * 10) / 10 };
}

/** The goals of (h): percent of one core over the idle window. */
const GOALS = { total: 5, kafka: 3, app: 0.7 } as const;
const APPS = ['key-service', 'projector', 'audit'] as const;

/**
 * (h) The stack idle after a load: CPU time each process used over `seconds`
 * of nothing happening, from /proc (user + system, every thread), as percent
 * of one core. `extra` processes (a subscribed service) are measured and
 * reported in the note, outside the total the goal counts.
 */
export async function benchIdle(options: {
  apps: Record<(typeof APPS)[number], number>;
  kafka: number;
  ferretdb: number;
  extra?: Record<string, number>;
  settleSeconds: number;
  seconds: number;
}): Promise<BenchRow[]> {
  await new Promise((resolve) => setTimeout(resolve, options.settleSeconds * 1000));
  const counted = { ...options.apps, kafka: options.kafka, ferretdb: options.ferretdb };
  const sample = await measureIdleCpu({ ...counted, ...options.extra }, options.seconds);
  const total = Math.round(Object.keys(counted).reduce((sum, name) => sum + sample.percent[name], 0) * 10) / 10;
  const breakdown = Object.entries(sample.percent).map(([name, p]) => `${name} ${p}%`).join(', ');
  const note = `over ${sample.seconds} s of wall time, ${options.settleSeconds} s after the load ended; /proc/<pid>/stat utime + stime of each process: ${breakdown}${options.extra ? ` (${Object.keys(options.extra).join(', ')} not in the total)` : ''}`;
  const row = (scenario: string, value: number, goal: number, withNote = false): BenchRow => ({
    id: 'h-idle', scenario, figure: '% of one core', value, ceilingLabel: '—', ceiling: null, goal: `≤ ${goal}%`, met: value <= goal, ...(withNote ? { note } : {}),
  });
  return [
    row('idle: the whole stack (3 apps, Kafka, FerretDB)', total, GOALS.total, true),
    row('idle: Kafka', sample.percent.kafka, GOALS.kafka),
    ...APPS.map((app) => row(`idle: ${app}`, sample.percent[app], GOALS.app)),
  ];
}
