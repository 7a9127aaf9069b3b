import { estimateEtaMs, type Progress } from '../progress.js';

/** One progress report of ffmpeg, whichever way it was printed. */
export interface FfmpegProgressSnapshot {
  /** Frames output so far. */
  frame: number | null;
  /** Position reached in the output. */
  outTimeSec: number | null;
  /** Encoding speed relative to real time (`speed=2.4x` → 2.4). */
  speed: number | null;
  /** True on the last report (`progress=end`, or the classic summary line with `Lsize=`). */
  done: boolean;
}

/**
 * Parses one `-progress` block (the key=value lines up to and including `progress=…`).
 * Time comes from `out_time_us`, else `out_time_ms` — which, despite its name, is in microseconds in
 * every ffmpeg build (the bundled 2018 one prints both with the same value) — else `out_time`.
 */
export function parseProgressBlock(lines: readonly string[]): FfmpegProgressSnapshot {
  const values = new Map<string, string>();
  for (const line of lines) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    values.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  const micros = parseNumber(values.get('out_time_us')) ?? parseNumber(values.get('out_time_ms'));
  return {
    frame: parseInteger(values.get('frame')),
    outTimeSec: micros !== null ? micros / 1e6 : parseClockTime(values.get('out_time')),
    speed: parseSpeed(values.get('speed')),
    done: values.get('progress') === 'end',
  };
}

/**
 * Turns a stream of `-progress` lines into snapshots: feed every line, get a callback per complete block.
 * Lines that are not key=value (e.g. log lines when progress shares stderr) are ignored.
 */
export function createProgressLineReader(onSnapshot: (snapshot: FfmpegProgressSnapshot) => void): (line: string) => void {
  let block: string[] = [];
  return (rawLine: string) => {
    const line = rawLine.trim();
    if (!/^[a-z_0-9]+=/.test(line) || parseStatsLine(line) !== null) return;
    block.push(line);
    if (line.startsWith('progress=')) {
      const snapshot = parseProgressBlock(block);
      block = [];
      onSnapshot(snapshot);
    }
  };
}

/**
 * Parses a classic stderr stats line, e.g.
 * `frame=  131 fps=127 q=29.0 size=       0kB time=00:00:02.38 bitrate=   0.2kbits/s speed=2.32x`.
 * Returns null for any other line.
 */
export function parseStatsLine(line: string): FfmpegProgressSnapshot | null {
  if (!/\btime=\s*-?[\d:.]+/.test(line) && !/\btime=N\/A/.test(line)) return null;
  const values = new Map<string, string>();
  for (const match of line.matchAll(/(\w+)=\s*(\S+)/g)) values.set(match[1], match[2]);
  if (!values.has('frame') && !values.has('size') && !values.has('Lsize')) return null;
  return {
    frame: parseInteger(values.get('frame')),
    outTimeSec: parseClockTime(values.get('time')),
    speed: parseSpeed(values.get('speed')),
    done: values.has('Lsize'),
  };
}

export interface ToEngineProgressInput {
  snapshot: FfmpegProgressSnapshot;
  phase: string;
  /** Frames the output will have, when known; preferred over duration. */
  expectedFrames?: number;
  expectedDurationSec?: number;
  startedAtMs: number;
  nowMs?: number;
}

/**
 * Converts an ffmpeg snapshot into an engine `Progress`. The ETA comes from ffmpeg's `speed` when the
 * output duration is known (speed is the most stable figure ffmpeg reports), else from elapsed time.
 */
export function toEngineProgress(input: ToEngineProgressInput): Progress {
  const { snapshot, expectedFrames, expectedDurationSec } = input;
  const nowMs = input.nowMs ?? Date.now();
  let ratio = 0;
  if (snapshot.done) ratio = 1;
  else if (expectedFrames && expectedFrames > 0 && snapshot.frame !== null) ratio = snapshot.frame / expectedFrames;
  else if (expectedDurationSec && expectedDurationSec > 0 && snapshot.outTimeSec !== null) {
    ratio = snapshot.outTimeSec / expectedDurationSec;
  }
  ratio = Math.min(1, Math.max(0, ratio));

  let etaMs: number | undefined;
  if (ratio >= 1) etaMs = 0;
  else if (snapshot.speed && snapshot.speed > 0 && expectedDurationSec && snapshot.outTimeSec !== null) {
    etaMs = Math.max(0, Math.round(((expectedDurationSec - snapshot.outTimeSec) / snapshot.speed) * 1000));
  } else {
    etaMs = estimateEtaMs(input.startedAtMs, ratio, nowMs);
  }
  return etaMs === undefined ? { phase: input.phase, ratio } : { phase: input.phase, ratio, etaMs };
}

/** `HH:MM:SS.micro` (possibly negative before the first packet) → seconds; null for N/A. */
export function parseClockTime(value: string | undefined): number | null {
  if (!value) return null;
  const match = /^(-?)(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(value.trim());
  if (!match) return null;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]);
  return match[1] === '-' ? -seconds : seconds;
}

function parseSpeed(value: string | undefined): number | null {
  if (!value) return null;
  const match = /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?)x$/.exec(value.trim());
  return match ? Number(match[1]) : null;
}

function parseInteger(value: string | undefined): number | null {
  const n = parseNumber(value);
  return n === null ? null : Math.trunc(n);
}

function parseNumber(value: string | undefined): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'N/A') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}
