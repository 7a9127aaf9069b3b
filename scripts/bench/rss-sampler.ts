/**
 * The resident memory of a running process, sampled from /proc once a second (Linux; elsewhere nothing is sampled)
 * and labelled with the progress phase it was in, so one run shows whether memory grows with the clip's length (the
 * tracking pass, which keeps a little per frame) or settles (the drawing pass, which should keep nothing).
 */
import { readFileSync } from 'node:fs';

export interface RssSample {
  sec: number;
  rssMiB: number;
  phase: string;
  /** How far through its phase the run was (0..1, from its progress). */
  ratio: number;
}

export function sampleRss(pid: number, progressNow: () => { phase: string; ratio: number }): { stop(): RssSample[] } {
  const samples: RssSample[] = [];
  const t0 = performance.now();
  const timer = setInterval(() => {
    const rssMiB = readRssMiB(pid);
    if (rssMiB !== null) samples.push({ sec: (performance.now() - t0) / 1000, rssMiB, ...progressNow() });
  }, 1000);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}

function readRssMiB(pid: number): number | null {
  try {
    const kib = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) / 1024 : null;
  } catch {
    return null;
  }
}

/** The node process /usr/bin/time started (its only child), or the pid itself when it has none. */
export function childPidOf(pid: number): number {
  try {
    const child = Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(child) && child > 0 ? child : pid;
  } catch {
    return pid;
  }
}

/** The phases that walk the clip frame by frame: only their growth is per minute of clip. */
const CLIP_PHASES = new Set(['track', 'render']);

/**
 * Per phase: RSS when it began and ended, and the change per minute of clip passed through it (from the progress
 * ratio); a drawing pass that grows shows here, and a tracking pass's growth per minute says what a longer clip adds.
 */
export function describeRss(samples: RssSample[], clipSec: number): string {
  const phases = new Map<string, RssSample[]>();
  for (const s of samples) phases.set(s.phase, [...(phases.get(s.phase) ?? []), s]);
  return [...phases]
    .filter(([phase, list]) => phase && list.length >= 2)
    .map(([phase, list]) => {
      const [first, last] = [list[0], list[list.length - 1]];
      // the first quarter of a phase is its buffers filling; the slope is taken over the rest
      const settled = list[Math.floor(list.length / 4)];
      // the progress ratio is the whole run's; the share of this phase it covered is the share of the clip passed
      const through = last.ratio > first.ratio ? (last.ratio - settled.ratio) / (last.ratio - first.ratio) : 0;
      const perMin = CLIP_PHASES.has(phase) && through > 0.05 ? ((last.rssMiB - settled.rssMiB) / (through * clipSec)) * 60 : NaN;
      const slope = Number.isNaN(perMin) ? '' : ` (${perMin >= 0 ? '+' : ''}${perMin.toFixed(1)} MiB per minute of clip after its first quarter)`;
      return `${phase} ${first.rssMiB.toFixed(0)}→${last.rssMiB.toFixed(0)} MiB${slope}`;
    })
    .join(', ');
}
