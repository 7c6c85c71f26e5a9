import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports CPU time in clock ticks of 1/100 s (`getconf CLK_TCK`) on every platform we run. */
const TICK_MS = 10;

/** User + system CPU time (ms) a process has used so far; 0 once it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: the fields after it start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** The processes whose command name (as in /proc/<pid>/comm) is `name`, e.g. every PostgreSQL backend. */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return pids;
}

/**
 * CPU used by named groups of processes between `start()` and `stop()`. A group given by name is
 * listed again at the end, so backends PostgreSQL forked in between count too (a backend that
 * ended in between is not counted: the bench keeps its connections open).
 */
export class CpuMeter {
  private readonly before = new Map<string, Map<number, number>>();

  constructor(private readonly groups: Record<string, () => number[]>) {}

  start(): void {
    for (const [group, pids] of Object.entries(this.groups))
      this.before.set(group, new Map(pids().map((pid) => [pid, cpuMsOf(pid)])));
  }

  /** CPU ms per group since start(). */
  stop(): Record<string, number> {
    const used: Record<string, number> = {};
    for (const [group, pids] of Object.entries(this.groups)) {
      const before = this.before.get(group) ?? new Map<number, number>();
      used[group] = pids().reduce((sum, pid) => sum + cpuMsOf(pid) - (before.get(pid) ?? 0), 0);
    }
    return used;
  }
}
