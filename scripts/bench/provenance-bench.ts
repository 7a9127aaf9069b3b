/**
 * The disclosure's cost and visibility: what the watermark adds to a render — per frame; on a pure encode of the
 * render's kind (frames at half the reel's size scaled up by ffmpeg, every pixel marked every frame: the worst case);
 * and on a real render (a portrait animated into a reel) with and without the mark — each pair alternated to share the
 * noise of a busy machine, in wall time and in CPU time (this process and its ffmpeg children, steadier under load);
 * its PSNR against the unmarked output, the signing time, and the detector's time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultModelPaths } from '../../electron/engine/install-layout.js';
import { decodeImage, encodeVideo, resolveFfmpegTools, runFfmpeg, type FfmpegTools, type RgbaImage } from '../../electron/engine/media/index.js';
import { SessionPool } from '../../electron/engine/models/session-pool.js';
import { addMark, createMarkWords } from '../../electron/engine/provenance/add-mark.js';
import { createMarkDeltas, watermarkFrames } from '../../electron/engine/provenance/embed-watermark.js';
import { detectWatermark } from '../../electron/engine/provenance/detect-watermark.js';
import { embedContentCredentials } from '../../electron/engine/provenance/content-credentials.js';
import { loadInstallationIdentity } from '../../electron/engine/provenance/installation-identity.js';
import { RENDER_X264, renderTalkingVideo } from '../../electron/engine/render/render-talking-video.js';
import { MEDIA, median, type BenchSection } from './bench-support.js';
import { cpuSecondsWithChildren, type Timing } from './cpu-time.js';

const REEL = { width: 1080, height: 1920 };
const FRAME = { width: 540, height: 960 };
const FPS = 30;
const DURATION_SEC = 10;
const RENDER_SEC = 10;

export const provenanceBench: BenchSection = {
  name: 'provenance',
  async run() {
    const tools = await resolveFfmpegTools();
    const dir = await mkdtemp(join(tmpdir(), 'mouthpiece-provenance-bench-'));
    try {
      const identity = await loadInstallationIdentity(join(dir, 'library'));
      const frame = await portraitFrame(tools);
      const placement = { key: identity.watermarkKey, output: REEL, outputPxPerFramePx: REEL.width / FRAME.width };

      const deltas = createMarkDeltas(placement, FRAME);
      const mark = createMarkWords(deltas);
      const into = new Uint8Array(frame.data.length);
      const perFrame: number[] = [];
      const cpuBefore = process.cpuUsage();
      for (let i = 0; i < 60; i++) {
        const t0 = performance.now();
        addMark(frame.data, mark, into);
        perFrame.push(performance.now() - t0);
      }
      const cpu = process.cpuUsage(cpuBefore);
      const cpuPerFrameMs = (cpu.user + cpu.system) / 1000 / 60;
      const t0 = performance.now();
      createMarkDeltas(placement, FRAME);
      const setupMs = performance.now() - t0;

      const plain: Timing[] = [];
      const marked: Timing[] = [];
      for (const mark of [false, true, true, false]) (mark ? marked : plain).push(await timeEncode(tools, frame, join(dir, mark ? 'marked.mp4' : 'plain.mp4'), mark, placement));
      const { photo, footage } = await timeRenders(tools, dir);
      const psnr = await measurePsnr(tools, join(dir, 'marked.mp4'), join(dir, 'plain.mp4'));
      const s0 = performance.now();
      await embedContentCredentials(join(dir, 'marked.mp4'), { toolVersion: '0.0.0', synthesis: 'photo-animation', sources: [] }, identity);
      const signMs = performance.now() - s0;
      const d0 = performance.now();
      const detection = await detectWatermark({ tools, videoPath: join(dir, 'marked.mp4'), key: identity.watermarkKey });
      const detectMs = performance.now() - d0;

      const frames = DURATION_SEC * FPS;
      console.log(
        `provenance     mark ${FRAME.width}x${FRAME.height} frame: ${median(perFrame).toFixed(2)} ms/frame wall (median of 60), ${cpuPerFrameMs.toFixed(2)} ms/frame CPU, ` +
          `${((deltas.filter((d) => d !== 0).length / deltas.length) * 100).toFixed(0)} % of pixels changed; pattern set-up ${setupMs.toFixed(0)} ms once per size`,
      );
      console.log(
        `provenance     ${DURATION_SEC} s reel encode, every pixel marked (x264 ${RENDER_X264.preset} crf ${RENDER_X264.crf}): ${compare(plain, marked)}; ` +
          `the mark itself is ${(((cpuPerFrameMs * frames) / 1000 / median(plain.map((t) => t.cpuSec))) * 100).toFixed(1)} % of the unmarked encode's CPU`,
      );
      console.log(`provenance     ${RENDER_SEC} s render, portrait → reel (${photo.frames} frames; the warp redraws the face only): ${compare(photo.plain, photo.marked)}`);
      console.log(`provenance     ${footage.seconds.toFixed(1)} s dub of 1280x720 footage (${footage.frames} frames; every pixel marked): ${compare(footage.plain, footage.marked)}`);
      console.log(`provenance     PSNR marked vs unmarked output: ${psnr}   signing ${signMs.toFixed(0)} ms   detection ${(detectMs / 1000).toFixed(1)} s (score ${detection.score}, found ${detection.found})`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

async function portraitFrame(tools: FfmpegTools): Promise<RgbaImage> {
  const portrait = join(MEDIA, 'images/portrait_eileen_collins_nasa.png');
  await decodeImage(tools, portrait);
  const { stdout } = await runFfmpeg({
    tools,
    args: ['-v', 'error', '-i', portrait, '-vf', `scale=${FRAME.width}:${FRAME.height}:force_original_aspect_ratio=increase,crop=${FRAME.width}:${FRAME.height}`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
    collectStdout: true,
  });
  return { ...FRAME, data: new Uint8Array(stdout) };
}

async function timeEncode(tools: FfmpegTools, frame: RgbaImage, outPath: string, mark: boolean, placement: Parameters<typeof watermarkFrames>[1]): Promise<Timing> {
  const frameCount = DURATION_SEC * FPS;
  const frames = Array.from({ length: frameCount }, () => frame);
  return timed(() =>
    encodeVideo({
      tools, outPath, ...REEL, frameWidth: FRAME.width, frameHeight: FRAME.height, fps: FPS, frameCount, ...RENDER_X264,
      frames: mark ? watermarkFrames(frames, placement) : frames,
    }),
  );
}

interface RenderPair {
  plain: Timing[];
  marked: Timing[];
  frames: number;
  seconds: number;
}

/**
 * Real renders with and without the mark, alternated after a warm-up: the corpus portrait animated into a 10 s reel,
 * and a dub of a 1280×720 clip (its whole picture changes every frame, so all of it is marked every frame).
 */
async function timeRenders(tools: FfmpegTools, dir: string): Promise<{ photo: RenderPair; footage: RenderPair }> {
  const voice = join(dir, 'voice.wav');
  await runFfmpeg({ tools, args: ['-v', 'error', '-y', '-stream_loop', '1', '-i', join(MEDIA, 'audio/en_ljspeech_LJ001-0001.wav'), '-t', String(RENDER_SEC), voice] });
  const dubVoice = join(dir, 'dub-voice.wav');
  await runFfmpeg({ tools, args: ['-v', 'error', '-y', '-i', join(MEDIA, 'video/obama_weekly_address_progress.mp4'), '-vn', '-t', '4.5', '-ac', '1', '-ar', '44100', dubVoice] });
  const pool = new SessionPool(defaultModelPaths());
  const track = (path: string) => [{ subject: 0, clips: [{ startSec: 0, source: { kind: 'audio' as const, path } }] }];
  try {
    const photo = await alternate((withoutMark, outPath) =>
      renderTalkingVideo(
        { tools, pool, libraryDir: join(dir, 'library'), benchWithoutWatermark: withoutMark },
        { facePath: join(MEDIA, 'images/portrait_eileen_collins_nasa.png'), tracks: track(voice), preset: 'reel', fps: FPS, seed: 1, outPath },
      ),
    join(dir, 'photo'));
    const footage = await alternate((withoutMark, outPath) =>
      renderTalkingVideo(
        { tools, pool, libraryDir: join(dir, 'library'), benchWithoutWatermark: withoutMark },
        { facePath: join(MEDIA, 'video/obama_weekly_address_challenges.mp4'), tracks: track(dubVoice), preset: 'source', fps: 29.97, seed: 1, outPath, footage: { matchClipFps: true } },
      ),
    join(dir, 'footage'));
    return { photo, footage };
  } finally {
    await pool.release();
  }
}

async function alternate(render: (withoutMark: boolean, outPath: string) => Promise<{ frames: number; durationSec: number }>, prefix: string): Promise<RenderPair> {
  const pair: RenderPair = { plain: [], marked: [], frames: 0, seconds: 0 };
  const run = (withoutMark: boolean) =>
    timed(async () => {
      const result = await render(withoutMark, `${prefix}-${withoutMark ? 'plain' : 'marked'}.mp4`);
      pair.frames = result.frames;
      pair.seconds = result.durationSec;
    });
  await run(true); // warm the models and the disk cache
  // Plain, marked, marked, plain: a machine getting busier or quieter during the runs favours neither.
  for (const withoutMark of [true, false, false, true]) (withoutMark ? pair.plain : pair.marked).push(await run(withoutMark));
  return pair;
}

async function timed(work: () => Promise<unknown>): Promise<Timing> {
  const cpu0 = cpuSecondsWithChildren();
  const t0 = performance.now();
  await work();
  return { wallSec: (performance.now() - t0) / 1000, cpuSec: cpuSecondsWithChildren() - cpu0 };
}

/** "unmarked 6.6 s wall / 7.1 s CPU, marked … (+x % wall, +y % CPU)", medians. */
function compare(plain: Timing[], marked: Timing[]): string {
  const m = (list: Timing[], key: keyof Timing) => median(list.map((t) => t[key]));
  const change = (key: keyof Timing) => `${m(marked, key) >= m(plain, key) ? '+' : ''}${(((m(marked, key) - m(plain, key)) / m(plain, key)) * 100).toFixed(1)} %`;
  return (
    `unmarked ${m(plain, 'wallSec').toFixed(1)} s wall / ${m(plain, 'cpuSec').toFixed(1)} s CPU, marked ${m(marked, 'wallSec').toFixed(1)} s / ${m(marked, 'cpuSec').toFixed(1)} s ` +
    `(${change('wallSec')} wall, ${change('cpuSec')} CPU)`
  );
}

async function measurePsnr(tools: FfmpegTools, a: string, b: string): Promise<string> {
  const lines: string[] = [];
  await runFfmpeg({ tools, args: ['-i', a, '-i', b, '-lavfi', 'psnr', '-f', 'null', '-'], onStderrLine: (line: string) => lines.push(line) });
  const found = lines.find((l) => l.includes('PSNR'));
  return found ? found.replace(/^.*PSNR /, '') : 'n/a';
}
