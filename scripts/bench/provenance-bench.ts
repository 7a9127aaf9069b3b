/**
 * The disclosure's cost and visibility: what the watermark adds to a render (per frame, and on a whole encode of the
 * render's kind: frames at half the reel's size scaled up by ffmpeg, marked vs unmarked, alternated to share the noise of
 * a busy machine), its PSNR against the unmarked output, the signing time, and the detector's time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeImage, encodeVideo, resolveFfmpegTools, runFfmpeg, type FfmpegTools, type RgbaImage } from '../../electron/engine/media/index.js';
import { addMark, collectMarkSteps, createMarkDeltas, watermarkFrames } from '../../electron/engine/provenance/embed-watermark.js';
import { detectWatermark } from '../../electron/engine/provenance/detect-watermark.js';
import { embedContentCredentials } from '../../electron/engine/provenance/content-credentials.js';
import { loadInstallationIdentity } from '../../electron/engine/provenance/installation-identity.js';
import { RENDER_X264 } from '../../electron/engine/render/render-talking-video.js';
import { MEDIA, median, type BenchSection } from './bench-support.js';

const REEL = { width: 1080, height: 1920 };
const FRAME = { width: 540, height: 960 };
const FPS = 30;
const DURATION_SEC = 10;

export const provenanceBench: BenchSection = {
  name: 'provenance',
  async run() {
    const tools = await resolveFfmpegTools();
    const dir = await mkdtemp(join(tmpdir(), 'mouthpiece-provenance-bench-'));
    try {
      const identity = await loadInstallationIdentity(join(dir, 'library'));
      const frame = await portraitFrame(tools);
      const placement = { key: identity.watermarkKey, output: REEL, outputPxPerFramePx: REEL.width / FRAME.width };

      const mark = collectMarkSteps(createMarkDeltas(placement, FRAME));
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

      const plain: number[] = [];
      const marked: number[] = [];
      for (let round = 0; round < 2; round++) {
        plain.push(await timeEncode(tools, frame, join(dir, 'plain.mp4'), false, placement));
        marked.push(await timeEncode(tools, frame, join(dir, 'marked.mp4'), true, placement));
      }
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
          `${((mark.offsets.length / (FRAME.width * FRAME.height)) * 100).toFixed(0)} % of pixels changed; pattern set-up ${setupMs.toFixed(0)} ms once per size`,
      );
      console.log(
        `provenance     ${DURATION_SEC} s reel encode (x264 ${RENDER_X264.preset} crf ${RENDER_X264.crf}) unmarked ${(median(plain) / 1000).toFixed(1)} s, marked ${(median(marked) / 1000).toFixed(1)} s ` +
          `(${(((median(marked) - median(plain)) / median(plain)) * 100).toFixed(1)} %; the mark itself is ${((median(perFrame) * frames) / median(plain) * 100).toFixed(1)} % of the unmarked encode)`,
      );
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

async function timeEncode(tools: FfmpegTools, frame: RgbaImage, outPath: string, mark: boolean, placement: Parameters<typeof watermarkFrames>[1]): Promise<number> {
  const frameCount = DURATION_SEC * FPS;
  const frames = Array.from({ length: frameCount }, () => frame);
  const t0 = performance.now();
  await encodeVideo({
    tools, outPath, ...REEL, frameWidth: FRAME.width, frameHeight: FRAME.height, fps: FPS, frameCount, ...RENDER_X264,
    frames: mark ? watermarkFrames(frames, placement) : frames,
  });
  return performance.now() - t0;
}

async function measurePsnr(tools: FfmpegTools, a: string, b: string): Promise<string> {
  const lines: string[] = [];
  await runFfmpeg({ tools, args: ['-i', a, '-i', b, '-lavfi', 'psnr', '-f', 'null', '-'], onStderrLine: (line: string) => lines.push(line) });
  const found = lines.find((l) => l.includes('PSNR'));
  return found ? found.replace(/^.*PSNR /, '') : 'n/a';
}
