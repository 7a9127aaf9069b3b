/**
 * Footage dub speed (`dub`): a real talking-head clip (Obama, 720p, and the same scaled to 1080p) looped to
 * MOUTHPIECE_BENCH_DUB_SEC (default 20 s) and dubbed with another address, against plain ffmpeg decoding and
 * re-encoding the same clip with the same encoder settings in the same run, in wall and CPU time (CPU time is what a
 * busy machine does not inflate). Peak memory of long dubs (`dub-long`, opt-in) in processes of their own.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultModelPaths } from '../../electron/engine/install-layout.js';
import { resolveFfmpegTools, runFfmpeg, type FfmpegTools } from '../../electron/engine/media/index.js';
import { SessionPool } from '../../electron/engine/models/session-pool.js';
import { encodeSettingsFor, resolveExportPreset } from '../../electron/engine/export/export-presets.js';
import { renderTalkingVideo } from '../../electron/engine/render/render-talking-video.js';
import { MEDIA, mb, type BenchSection } from './bench-support.js';
import { cpuSecondsWithChildren, type Timing } from './cpu-time.js';
import { childPidOf, describeRss, sampleRss } from './rss-sampler.js';

const DUB_BENCH_SEC = Number(process.env.MOUTHPIECE_BENCH_DUB_SEC ?? 20);
/** Lengths of the memory runs (`dub-long`), seconds: the goal is about the last, 10 minutes. */
const LONG_SECS = (process.env.MOUTHPIECE_BENCH_LONG_SEC ?? '30,600').split(',').map(Number);
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

/**
 * Plain decode + encode with the encoder settings the dub's export preset (`source`) gives the same picture: x264
 * preset, CRF, High profile, VBV cap and buffer, AAC bitrate and rate. The dub also converts RGBA to YUV; that is
 * part of what it costs.
 */
async function timePlain(tools: FfmpegTools, input: { clip: string; voice: string; outPath: string; width: number; height: number }): Promise<Timing> {
  const encode = encodeSettingsFor(resolveExportPreset('source'), { width: input.width, height: input.height });
  const x264 = ['-c:v', 'libx264', '-preset', encode.preset, '-crf', String(encode.crf), '-profile:v', 'high', '-maxrate', `${encode.maxBitrateKbps}k`, '-bufsize', `${encode.maxBitrateKbps * 2}k`, '-pix_fmt', 'yuv420p'];
  return timed(() => runFfmpeg({ tools, args: ['-v', 'error', '-y', '-i', input.clip, '-i', input.voice, '-map', '0:v', '-map', '1:a', ...x264, '-c:a', 'aac', '-b:a', `${encode.audioBitrateKbps}k`, '-ar', '48000', '-shortest', input.outPath] }));
}

async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const wall0 = performance.now();
  const cpu0 = cpuSecondsWithChildren();
  await work();
  return { wallSec: (performance.now() - wall0) / 1000, cpuSec: cpuSecondsWithChildren() - cpu0 };
}

/** Peak RSS (KiB) of a CLI dub in its own process, and its RSS through each phase (see rss-sampler). */
function peakRssOfCliDub(clip: string, voice: string, outPath: string, clipSec: number): Promise<{ kib: number; wallMs: number; phases: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, CLI, 'render', '--face', clip, '--consent', 'Bench fixture: public-domain footage.', '--audio', voice, '--preset', 'source', '-o', outPath, '--json'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let progress = { phase: '', ratio: 0 };
    let sampler: ReturnType<typeof sampleRss> | undefined;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // the CLI's --json progress lines: {"type":"progress","phase":…,"ratio":…}
      const last = [...stderr.slice(-2000).matchAll(/"phase":"(\w+)","ratio":([\d.e-]+)/g)].at(-1);
      if (last) progress = { phase: last[1], ratio: Number(last[2]) };
      if (stderr.length > 1 << 20) stderr = stderr.slice(-4000);
      if (!sampler && child.pid !== undefined) sampler = sampleRss(childPidOf(child.pid), () => progress);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const phases = describeRss(sampler?.stop() ?? [], clipSec);
      const kib = Number(stderr.trim().split('\n').at(-1));
      if (code !== 0 || !Number.isFinite(kib)) reject(new Error(`dub failed (${code}): ${stderr.slice(-400)}`));
      else resolve({ kib, wallMs: performance.now() - t0, phases });
    });
  });
}

/**
 * Wall and CPU time spent in each progress phase (analyse, speech, track, loudness, render = synthesis + encode). CPU
 * is this process's and its finished children's: an ffmpeg counts in the phase it ends in (the tracking decode in
 * track; the render decode and the encoder in render).
 */
function phaseClock(startMs: number) {
  const spent = new Map<string, { wallMs: number; cpuSec: number }>();
  let current = '';
  let since = startMs;
  let cpuSince = cpuSecondsWithChildren();
  const close = () => {
    if (!current) return;
    const total = spent.get(current) ?? { wallMs: 0, cpuSec: 0 };
    const cpu = cpuSecondsWithChildren();
    spent.set(current, { wallMs: total.wallMs + performance.now() - since, cpuSec: total.cpuSec + cpu - cpuSince });
  };
  return {
    enter(phase: string) {
      if (phase === current) return;
      close();
      current = phase;
      since = performance.now();
      cpuSince = cpuSecondsWithChildren();
    },
    summary() {
      close();
      current = '';
      return [...spent].map(([phase, t]) => `${phase} ${(t.wallMs / 1000).toFixed(1)} s wall/${t.cpuSec.toFixed(1)} s CPU`).join(', ');
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
        const size = { width: Math.round((height * 16) / 9 / 2) * 2, height };
        const plain = await timePlain(tools, { clip, voice, outPath: join(dir, `plain-${height}.mp4`), ...size });
        const phases = phaseClock(performance.now());
        let result: Awaited<ReturnType<typeof renderTalkingVideo>> | undefined;
        const dub = await timed(async () => {
          result = await renderTalkingVideo(
            { tools, pool },
            { facePath: clip, tracks: [{ subject: 0, clips: [{ startSec: 0, source: { kind: 'audio', path: voice } }] }], preset: 'source', fps: 29.97, seed: 1, outPath: join(dir, `dub-${height}.mp4`), footage: { matchClipFps: true } },
            { onProgress: (p) => phases.enter(p.phase) },
          );
        });
        if (!result) throw new Error('the dub gave no result');
        console.log(
          `dub            ${DUB_BENCH_SEC} s ${result.width}x${result.height}@${result.fps.toFixed(2)}: dub ${dub.wallSec.toFixed(1)} s wall, ${dub.cpuSec.toFixed(1)} s CPU (${(result.frames / dub.wallSec).toFixed(1)} frames/s); ` +
            `plain decode + encode ${plain.wallSec.toFixed(1)} s wall, ${plain.cpuSec.toFixed(1)} s CPU; ratio ${(dub.wallSec / plain.wallSec).toFixed(2)}× wall, ${(dub.cpuSec / plain.cpuSec).toFixed(2)}× CPU (goal ≤ 2×); ` +
            `load ${loadavg()[0].toFixed(1)}; phases ${phases.summary()}`,
        );
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
      await pool.release();
    }
  },
};

/**
 * Peak memory of CLI dubs of a 1080p clip at each of MOUTHPIECE_BENCH_LONG_SEC's lengths (default 30 s and 10 min),
 * each in a process of its own: memory must not grow with length. Opt-in: the 10-minute dub takes the better part
 * of an hour on two busy cores.
 */
export const dubLongBench: BenchSection = {
  name: 'dub-long',
  optIn: true,
  async run() {
    const tools = await resolveFfmpegTools();
    const dir = await mkdtemp(join(tmpdir(), 'mouthpiece-dub-long-bench-'));
    try {
      for (const seconds of LONG_SECS) {
        const clip = join(dir, `clip-${seconds}.mp4`);
        const voice = join(dir, `voice-${seconds}.wav`);
        await makeClip(tools, clip, seconds, 1080);
        await makeVoice(tools, voice, seconds);
        const run = await peakRssOfCliDub(clip, voice, join(dir, `dub-${seconds}.mp4`), seconds);
        console.log(`dub-long       peak RSS of a CLI dub of ${seconds} s at 1920x1080: ${mb(run.kib * 1024)} (${(run.wallMs / 1000).toFixed(0)} s wall, load ${loadavg()[0].toFixed(1)}) (goal < 1 GiB for 10 min); RSS by phase: ${run.phases || 'not sampled (no /proc)'}`);
        await rm(clip, { force: true });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
