import { readFileSync } from 'node:fs';

/** Wall and CPU seconds of one timed piece of work. */
export interface Timing {
  wallSec: number;
  cpuSec: number;
}

/** Kernel clock ticks per second in /proc (USER_HZ: 100 on every Linux Node ships for). */
const TICKS_PER_SEC = 100;

/**
 * CPU seconds used so far by this process (all its threads: the JavaScript, onnxruntime) and by its children that
 * have finished (ffmpeg): a cost figure that a busy machine does not inflate the way it does wall time. Children are
 * only counted on Linux (/proc); elsewhere this is the process alone.
 */
export function cpuSecondsWithChildren(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name, which may hold spaces: state is field 3, cutime 16, cstime 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SEC;
  } catch {
    // not Linux: the process alone
  }
  return (own.user + own.system) / 1e6 + children;
}
