/**
 * Footage dub speed and memory: a real talking-head clip (Obama, 720p, and the same scaled to 1080p) looped to
 * MOUTHPIECE_BENCH_DUB_SEC (default 20 s) and dubbed with another address, against plain ffmpeg decoding and re-encoding the same clip with the
 * same x264 settings in the same run; then the peak memory of a long dub (MOUTHPIECE_BENCH_LONG_SEC, default 600 s)
 * in a process of its own, beside a short one, to show memory does not grow with length (0 skips that part).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultModelPaths } from '../../electron/cli/package-paths.js';
import { resolveFfmpegTools, runFfmpeg, type FfmpegTools } from '../../electron/engine/media/index.js';
import { SessionPool } from '../../electron/engine/models/session-pool.js';
import { RENDER_X264, renderTalkingVideo } from '../../electron/engine/render/render-talking-video.js';
import { MEDIA, mb, type BenchSection } from './bench-support.js';

const DUB_BENCH_SEC = Number(process.env.MOUTHPIECE_BENCH_DUB_SEC ?? 20);
const LONG_SEC = Number(process.env.MOUTHPIECE_BENCH_LONG_SEC ?? 600);
const CLIP = join(MEDIA, 'video/obama_weekly_address_challenges.mp4');
const VOICE = join(MEDIA, 'video/obama_weekly_address_progress.mp4');
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'mouthpiece.cjs');

/**
 * The clip looped (forward, then mirrored in time so the loop has no cut) to `seconds`, scaled to `height`. The
 * mirrored stretch is written once and then looped by the demuxer: the `loop` filter stopped at one stretch (9.6 s),
 * so every bench clip, the long one included, used to be 9.6 s whatever was asked.
 */
async function makeClip(tools: FfmpegTools, outPath: string, seconds: number, height: number): Promise<void> {
  const stretch = outPath.replace(/\.mp4$/, '-stretch.mp4');
  const x264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p'];
  await runFfmpeg({ tools, args: ['-v', 'error', '-y', '-i', CLIP, '-filter_complex', '[0:v]split[f][r];[r]reverse[b];[f][b]concat=n=2:v=1:a=0[v]', '-map', '[v]', ...x264, stretch] });
  await runFfmpeg({ tools, args: ['-v', 'error', '-y', '-stream_loop', '-1', '-i', stretch, '-t', String(seconds), '-vf', `setpts=N/FRAME_RATE/TB,scale=-2:${height}`, '-an', ...x264, outPath] });
}

async function makeVoice(tools: FfmpegTools, outPath: string, seconds: number): Promise<void> {
  await runFfmpeg({ tools, args: ['-v', 'error', '-y', '-stream_loop', '-1', '-i', VOICE, '-vn', '-t', String(seconds), '-ac', '1', '-ar', '44100', outPath] });
}

async function timePlain(tools: FfmpegTools, clip: string, voice: string, outPath: string): Promise<number> {
  const t0 = performance.now();
  await runFfmpeg({ tools, args: ['-v', 'error', '-y', '-i', clip, '-i', voice, '-map', '0:v', '-map', '1:a', '-c:v', 'libx264', '-preset', RENDER_X264.preset, '-crf', String(RENDER_X264.crf), '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', outPath] });
  return performance.now() - t0;
}

/** Peak RSS (KiB) of a CLI dub in its own process. */
function peakRssOfCliDub(clip: string, voice: string, outPath: string): Promise<{ kib: number; wallMs: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, CLI, 'render', '--face', clip, '--consent', 'Bench fixture: public-domain footage.', '--audio', voice, '--preset', 'source', '-o', outPath, '--json'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const kib = Number(stderr.trim().split('\n').at(-1));
      if (code !== 0 || !Number.isFinite(kib)) reject(new Error(`dub failed (${code}): ${stderr.slice(-400)}`));
      else resolve({ kib, wallMs: performance.now() - t0 });
    });
  });
}

/** Wall time spent in each progress phase (analyse, speech, track, loudness, render = synthesis + encode). */
function phaseClock(startMs: number) {
  const spent = new Map<string, number>();
  let current = '';
  let since = startMs;
  const close = () => current && spent.set(current, (spent.get(current) ?? 0) + performance.now() - since);
  return {
    enter(phase: string) {
      if (phase === current) return;
      close();
      current = phase;
      since = performance.now();
    },
    summary() {
      close();
      current = '';
      return [...spent].map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`).join(', ');
    },
  };
}

export const dubBench: BenchSection = {
  name: 'dub',
  async run() {
    const tools = await resolveFfmpegTools();
    const pool = new SessionPool(defaultModelPaths());
    const dir = await mkdtemp(join(tmpdir(), 'mouthpiece-dub-bench-'));
    try {
      const voice = join(dir, 'voice.wav');
      await makeVoice(tools, voice, DUB_BENCH_SEC);
      for (const height of [720, 1080]) {
        const clip = join(dir, `clip-${height}.mp4`);
        await makeClip(tools, clip, DUB_BENCH_SEC, height);
        const plainMs = await timePlain(tools, clip, voice, join(dir, `plain-${height}.mp4`));
        const t0 = performance.now();
        const phases = phaseClock(t0);
        const result = await renderTalkingVideo(
          { tools, pool },
          { facePath: clip, tracks: [{ subject: 0, clips: [{ startSec: 0, source: { kind: 'audio', path: voice } }] }], preset: 'source', fps: 29.97, seed: 1, outPath: join(dir, `dub-${height}.mp4`), footage: { matchClipFps: true } },
          { onProgress: (p) => phases.enter(p.phase) },
        );
        const dubMs = performance.now() - t0;
        console.log(
          `dub            ${DUB_BENCH_SEC} s ${result.width}x${result.height}@${result.fps.toFixed(2)}: dub ${(dubMs / 1000).toFixed(1)} s (${(result.frames / (dubMs / 1000)).toFixed(1)} frames/s), ` +
            `plain decode + encode ${(plainMs / 1000).toFixed(1)} s, ratio ${(dubMs / plainMs).toFixed(2)}× (goal ≤ 2×); phases ${phases.summary()}`,
        );
      }
      if (LONG_SEC <= 0) return; // MOUTHPIECE_BENCH_LONG_SEC=0: the speed figures only
      const short = join(dir, 'short.mp4');
      const long = join(dir, 'long.mp4');
      const longVoice = join(dir, 'long-voice.wav');
      await makeClip(tools, short, 30, 1080);
      await makeClip(tools, long, LONG_SEC, 1080);
      await makeVoice(tools, longVoice, LONG_SEC);
      const shortRun = await peakRssOfCliDub(short, voice, join(dir, 'short-dub.mp4'));
      const longRun = await peakRssOfCliDub(long, longVoice, join(dir, 'long-dub.mp4'));
      console.log(
        `dub            peak RSS of a CLI dub at 1080p: 30 s clip ${mb(shortRun.kib * 1024)} (${(shortRun.wallMs / 1000).toFixed(0)} s), ` +
          `${LONG_SEC} s clip ${mb(longRun.kib * 1024)} (${(longRun.wallMs / 1000).toFixed(0)} s) (goal < 1 GiB for 10 min)`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
      await pool.release();
    }
  },
};
