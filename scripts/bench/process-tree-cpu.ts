import { readFileSync, readdirSync } from 'node:fs';

/** Kernel clock ticks per second in /proc (USER_HZ). */
const TICKS_PER_SEC = 100;

/**
 * CPU seconds so far of this process and of each process started under it, still running (Chromium's, ffmpeg's), by
 * name ("chromium:renderer" for Chromium's helper processes): take two and subtract (`cpuSpent`). Linux only (/proc);
 * elsewhere empty.
 */
export function processTreeCpu(): Map<number, { name: string; cpuSec: number }> {
  const all = new Map<number, { name: string; cpuSec: number; parent: number }>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return new Map();
  }
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      // after the command: state, ppid, … utime (14th field) and stime (15th)
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const type = /--type=([a-z-]+)/.exec(readFileSync(`/proc/${entry}/cmdline`, 'utf8'))?.[1];
      all.set(Number(entry), { name: type ? `${command}:${type}` : command, cpuSec: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SEC, parent: Number(fields[1]) });
    } catch {
      // gone meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let at = pid, depth = 0; at > 1 && depth < 32; depth += 1) {
      if (at === process.pid) return true;
      at = all.get(at)?.parent ?? 0;
    }
    return false;
  };
  return new Map([...all].filter(([pid]) => mine(pid)).map(([pid, { name, cpuSec }]) => [pid, { name, cpuSec }]));
}

/** CPU seconds spent between two `processTreeCpu` readings, summed by process name. */
export function cpuSpent(before: ReturnType<typeof processTreeCpu>, after: ReturnType<typeof processTreeCpu>): Map<string, number> {
  const byName = new Map<string, number>();
  for (const [pid, { name, cpuSec }] of after) byName.set(name, (byName.get(name) ?? 0) + cpuSec - (before.get(pid)?.cpuSec ?? 0));
  return byName;
}
