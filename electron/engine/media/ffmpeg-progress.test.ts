import { describe, expect, it } from 'vitest';
import {
  createProgressLineReader,
  parseClockTime,
  parseProgressBlock,
  parseStatsLine,
  toEngineProgress,
  type FfmpegProgressSnapshot,
} from './ffmpeg-progress.js';

// Captured from the bundled ffmpeg (N-47683-g0e8eb07980, 2018) encoding a 6 s 1280x720 testsrc + sine
// with `-progress pipe:1 -nostats`. Note `out_time_ms` carries microseconds, same as `out_time_us`.
const REAL_PROGRESS_OUTPUT = `frame=48
fps=0.00
stream_0_0_q=29.0
bitrate=N/A
total_size=48
out_time_us=0
out_time_ms=0
out_time=00:00:00.000000
dup_frames=0
drop_frames=0
speed=   0x
progress=continue
frame=123
fps=121.45
stream_0_0_q=29.0
bitrate=   0.2kbits/s
total_size=48
out_time_us=2453333
out_time_ms=2453333
out_time=00:00:02.453333
dup_frames=0
drop_frames=0
speed=2.42x
progress=continue
frame=180
fps=121.09
stream_0_0_q=-1.0
bitrate= 192.2kbits/s
total_size=144546
out_time_us=6016000
out_time_ms=6016000
out_time=00:00:06.016000
dup_frames=0
drop_frames=0
speed=4.05x
progress=end
`;

// Same binary, `-progress pipe:2 -nostats` while decoding to rawvideo on stdout: log lines, the final
// classic stats line (printed despite -nostats) and the key=value block all share stderr.
const REAL_MIXED_STDERR = `Output #0, rawvideo, to 'pipe:1':
  Metadata:
    encoder         : Lavf58.24.100
    Stream #0:0: Video: rawvideo (RGBA / 0x41424752), rgba, 640x360 [SAR 1:1 DAR 16:9], q=2-31, 221184 kb/s, 30 fps, 30 tbn, 30 tbc
frame=   60 fps=0.0 q=-0.0 Lsize=   54000kB time=00:00:02.00 bitrate=221184.0kbits/s speed=72.5x    
frame=60
fps=0.00
stream_0_0_q=-0.0
bitrate=221184.0kbits/s
total_size=55296000
out_time_us=2000000
out_time_ms=2000000
out_time=00:00:02.000000
dup_frames=0
drop_frames=0
speed=72.5x
progress=end
video:54000kB audio:0kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: 0.000000%
`;

// Classic stderr stats lines (split at \r) from the same binary encoding 5 s of 1280x720 at preset slow.
const REAL_STATS_LINES = [
  'frame=   57 fps=0.0 q=0.0 size=       0kB time=00:00:00.00 bitrate=N/A speed=   0x    ',
  'frame=  131 fps=127 q=29.0 size=       0kB time=00:00:02.38 bitrate=   0.2kbits/s speed=2.32x    ',
  'frame=  150 fps=113 q=-1.0 Lsize=     117kB time=00:00:05.01 bitrate= 191.1kbits/s speed=3.76x    ',
];

function readAll(text: string): FfmpegProgressSnapshot[] {
  const snapshots: FfmpegProgressSnapshot[] = [];
  const feed = createProgressLineReader((s) => snapshots.push(s));
  for (const line of text.split('\n')) feed(line);
  return snapshots;
}

describe('parseProgressBlock / createProgressLineReader on real -progress output', () => {
  it('yields one snapshot per block with frame, time, speed and end flag', () => {
    expect(readAll(REAL_PROGRESS_OUTPUT)).toEqual([
      { frame: 48, outTimeSec: 0, speed: 0, done: false },
      { frame: 123, outTimeSec: 2.453333, speed: 2.42, done: false },
      { frame: 180, outTimeSec: 6.016, speed: 4.05, done: true },
    ]);
  });

  it('ignores log lines and the classic summary line when progress shares stderr', () => {
    expect(readAll(REAL_MIXED_STDERR)).toEqual([{ frame: 60, outTimeSec: 2, speed: 72.5, done: true }]);
  });

  it('falls back to out_time_ms (microseconds) and then out_time when keys are missing', () => {
    const block = REAL_PROGRESS_OUTPUT.split('\n').slice(12, 24);
    const withoutUs = block.filter((l) => !l.startsWith('out_time_us='));
    expect(parseProgressBlock(withoutUs).outTimeSec).toBeCloseTo(2.453333, 6);
    const clockOnly = withoutUs.filter((l) => !l.startsWith('out_time_ms='));
    expect(parseProgressBlock(clockOnly).outTimeSec).toBeCloseTo(2.453333, 6);
  });
});

describe('parseStatsLine on real stderr lines', () => {
  it('parses frame, time and speed; the Lsize line is the last one', () => {
    expect(REAL_STATS_LINES.map(parseStatsLine)).toEqual([
      { frame: 57, outTimeSec: 0, speed: 0, done: false },
      { frame: 131, outTimeSec: 2.38, speed: 2.32, done: false },
      { frame: 150, outTimeSec: 5.01, speed: 3.76, done: true },
    ]);
  });

  it('returns null for log lines and for -progress key=value lines', () => {
    expect(parseStatsLine("Output #0, rawvideo, to 'pipe:1':")).toBeNull();
    expect(parseStatsLine('out_time=00:00:02.000000')).toBeNull();
    expect(parseStatsLine('video:54000kB audio:0kB subtitle:0kB other streams:0kB global headers:0kB')).toBeNull();
  });
});

describe('parseClockTime', () => {
  it('handles ffmpeg clock forms, negatives and N/A', () => {
    expect(parseClockTime('00:00:02.453333')).toBeCloseTo(2.453333, 6);
    expect(parseClockTime('01:02:03.5')).toBe(3723.5);
    expect(parseClockTime('-00:00:00.040000')).toBeCloseTo(-0.04, 6);
    expect(parseClockTime('N/A')).toBeNull();
    expect(parseClockTime(undefined)).toBeNull();
  });
});

describe('toEngineProgress', () => {
  const [first, middle, last] = readAll(REAL_PROGRESS_OUTPUT);

  it('prefers frames for the ratio and speed for the ETA', () => {
    const p = toEngineProgress({ snapshot: middle, phase: 'encode', expectedFrames: 180, expectedDurationSec: 6, startedAtMs: 0, nowMs: 1000 });
    expect(p.phase).toBe('encode');
    expect(p.ratio).toBeCloseTo(123 / 180, 6);
    // (6 − 2.453333) s left at 2.42× real time
    expect(p.etaMs).toBe(Math.round(((6 - 2.453333) / 2.42) * 1000));
  });

  it('uses the output time when the frame count is unknown, and elapsed time for the ETA without speed', () => {
    const p = toEngineProgress({ snapshot: { ...middle, speed: null }, phase: 'decode', expectedDurationSec: 4.906666, startedAtMs: 0, nowMs: 1000 });
    expect(p.ratio).toBeCloseTo(0.5, 3);
    expect(p.etaMs).toBeGreaterThan(990);
    expect(p.etaMs).toBeLessThan(1010);
  });

  it('reports 0 without an ETA at the start, and 1 with ETA 0 at the end', () => {
    expect(toEngineProgress({ snapshot: first, phase: 'encode', expectedFrames: 180, startedAtMs: 0, nowMs: 10 })).toEqual({
      phase: 'encode',
      ratio: 48 / 180,
      etaMs: 28,
    });
    expect(toEngineProgress({ snapshot: { ...first, frame: null }, phase: 'encode', startedAtMs: 0 })).toEqual({ phase: 'encode', ratio: 0 });
    expect(toEngineProgress({ snapshot: last, phase: 'encode', expectedFrames: 500, startedAtMs: 0 })).toEqual({ phase: 'encode', ratio: 1, etaMs: 0 });
  });

  it('clamps when ffmpeg reports more than expected', () => {
    const p = toEngineProgress({ snapshot: middle, phase: 'encode', expectedFrames: 100, startedAtMs: 0, nowMs: 1 });
    expect(p.ratio).toBe(1);
    expect(p.etaMs).toBe(0);
  });
});
