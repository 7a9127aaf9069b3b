import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultModelPaths } from '../../electron/engine/install-layout.js';
import { decodeImage, encodeVideo, resolveFfmpegTools, runFfmpeg, type FfmpegTools } from '../../electron/engine/media/index.js';
import { SessionPool } from '../../electron/engine/models/session-pool.js';
import { RENDER_X264, renderTalkingVideo } from '../../electron/engine/render/render-talking-video.js';
import { MEDIA, mb, type BenchSection } from './bench-support.js';

const DURATION_SEC = 30;
const FPS = 30;
const REEL = { width: 1080, height: 1920 };

/** 30 s of real speech: a read sentence looped. */
async function makeLongVoice(tools: FfmpegTools, outPath: string): Promise<void> {
  const source = join(MEDIA, 'audio/en_ljspeech_LJ001-0001.wav');
  await runFfmpeg({ tools, args: ['-v', 'error', '-y', '-stream_loop', '3', '-i', source, '-t', String(DURATION_SEC), outPath] });
}

/** The floor: ffmpeg encoding 900 ready-made 1080×1920 frames (the portrait, scaled) with the render's settings and soundtrack. */
async function timePlainEncode(tools: FfmpegTools, voice: string, outPath: string): Promise<number> {
  const portrait = join(MEDIA, 'images/portrait_eileen_collins_nasa.png');
  const { stdout } = await runFfmpeg({
    tools,
    args: ['-v', 'error', '-i', portrait, '-vf', `scale=${REEL.width * 2}:${REEL.height}:flags=bicubic,crop=${REEL.width}:${REEL.height}`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
    collectStdout: true,
  });
  const frame = { ...REEL, data: new Uint8Array(stdout) };
  const frameCount = DURATION_SEC * FPS;
  const t0 = performance.now();
  await encodeVideo({ tools, outPath, ...REEL, fps: FPS, frames: Array.from({ length: frameCount }, () => frame), frameCount, audioPath: voice, ...RENDER_X264 });
  return performance.now() - t0;
}

export const renderBench: BenchSection = {
  name: 'render',
  async run() {
    const tools = await resolveFfmpegTools();
    const pool = new SessionPool(defaultModelPaths());
    const dir = await mkdtemp(join(tmpdir(), 'mouthpiece-render-bench-'));
    try {
      const voice = join(dir, 'voice-30s.wav');
      await makeLongVoice(tools, voice);
      await decodeImage(tools, join(MEDIA, 'images/portrait_eileen_collins_nasa.png')); // warm the disk cache for both runs

      const plainMs = await timePlainEncode(tools, voice, join(dir, 'plain.mp4'));
      const phaseStart = new Map<string, number>();
      const t0 = performance.now();
      const result = await renderTalkingVideo(
        { tools, pool },
        {
          facePath: join(MEDIA, 'images/portrait_eileen_collins_nasa.png'),
          tracks: [{ subject: 0, clips: [{ startSec: 0, source: { kind: 'audio', path: voice } }] }],
          preset: 'reel',
          fps: FPS,
          seed: 1,
          outPath: join(dir, 'render.mp4'),
        },
        { onProgress: (p) => phaseStart.has(p.phase) || phaseStart.set(p.phase, performance.now()) },
      );
      const wallMs = performance.now() - t0;
      const renderPhaseMs = performance.now() - (phaseStart.get('render') ?? t0);
      const phases = ['analyse', 'speech', 'render'].map((phase, i, all) => {
        const start = phaseStart.get(phase) ?? t0;
        const end = i + 1 < all.length ? (phaseStart.get(all[i + 1]) ?? start) : t0 + wallMs;
        return `${phase} ${((end - start) / 1000).toFixed(1)} s`;
      });
      console.log(
        `render         30 s reel 1080x1920@${FPS} from 512 px portrait   wall ${(wallMs / 1000).toFixed(1)} s (${phases.join(', ')})  ` +
          `${result.frames} frames, ${(result.frames / (wallMs / 1000)).toFixed(1)} frames/s overall, ${(result.frames / (renderPhaseMs / 1000)).toFixed(1)} frames/s in the render phase`,
      );
      console.log(
        `render         realtime factor ${(DURATION_SEC / (wallMs / 1000)).toFixed(2)}× (>1 = faster than real time)   ` +
          `plain ffmpeg encode of ${DURATION_SEC * FPS} raw frames (x264 ${RENDER_X264.preset} crf ${RENDER_X264.crf}) ${(plainMs / 1000).toFixed(1)} s   ` +
          `ratio render/plain ${(wallMs / plainMs).toFixed(2)}× (goal ≤ 1.5×), render phase alone ${(renderPhaseMs / plainMs).toFixed(2)}×`,
      );
      console.log(`render         peak RSS so far ${mb(process.resourceUsage().maxRSS * 1024)}; crop ${JSON.stringify(result.crop)}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await pool.release();
    }
  },
};
