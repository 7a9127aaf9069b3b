import { join } from 'node:path';
import { defaultModelPaths } from '../../electron/engine/install-layout.js';
import { NEUTRAL_FRAME, type SubjectFrameParams } from '../../electron/engine/animate/performance-types.js';
import { analyzeImage } from '../../electron/engine/face/analyze-image.js';
import { createRgbaImage, decodeImage, resolveFfmpegTools, type RgbaImage } from '../../electron/engine/media/index.js';
import { SessionPool } from '../../electron/engine/models/session-pool.js';
import { createFaceRig } from '../../electron/engine/synth/photo-warp/face-rig.js';
import { createFrameBuffer, renderFrame } from '../../electron/engine/synth/photo-warp/render-frame.js';
import { MEDIA, median, percentile, type BenchSection } from './bench-support.js';

const FRAMES = 150;

/** A talking-like parameter stream: jaw and lips moving, a blink, small head motion, gaze shifts. */
function talkingFrame(f: number): SubjectFrameParams {
  const t = f / 30;
  const jaw = Math.max(0, Math.sin(t * 9.1) * 0.6 + Math.sin(t * 3.7) * 0.3);
  const blink = f % 90 < 6 ? Math.sin((Math.PI * (f % 90)) / 6) : 0;
  return {
    ...NEUTRAL_FRAME,
    jawOpen: jaw,
    teethShow: jaw * 0.8,
    lipPress: f % 45 < 4 ? 1 : 0,
    lipRound: Math.max(0, Math.sin(t * 2.3)) * 0.5,
    blinkLeft: blink,
    blinkRight: blink,
    gazeX: 0.05 * Math.sin(t * 0.7),
    yaw: 0.04 * Math.sin(t * 1.1),
    pitch: 0.03 * Math.sin(t * 1.7),
    roll: 0.02 * Math.sin(t * 0.9),
    browRaise: Math.max(0, Math.sin(t * 1.3)) * 0.4,
    breath: Math.sin(t * 1.6),
  };
}

/** Bilinear upscale, to stand in for a high-resolution portrait. */
function upscale(image: RgbaImage, factor: number): RgbaImage {
  const out = createRgbaImage(Math.round(image.width * factor), Math.round(image.height * factor));
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      const sx = Math.min(image.width - 1.001, x / factor);
      const sy = Math.min(image.height - 1.001, y / factor);
      const ix = Math.floor(sx);
      const iy = Math.floor(sy);
      const fx = sx - ix;
      const fy = sy - iy;
      for (let c = 0; c < 4; c++) {
        const at = (xx: number, yy: number) => image.data[(yy * image.width + xx) * 4 + c];
        const top = at(ix, iy) * (1 - fx) + at(ix + 1, iy) * fx;
        const bottom = at(ix, iy + 1) * (1 - fx) + at(ix + 1, iy + 1) * fx;
        out.data[(y * out.width + x) * 4 + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return out;
}

async function benchWarp(pool: SessionPool, label: string, image: RgbaImage) {
  const analysis = await analyzeImage(pool, image);
  const subject = analysis.subjects[0];
  const t0 = performance.now();
  const rig = createFaceRig(image, subject, { otherSubjects: analysis.subjects });
  const rigMs = performance.now() - t0;
  const out = createFrameBuffer(image);
  for (let f = 0; f < 20; f++) renderFrame(image, [rig], [talkingFrame(f)], out); // warm-up: JIT
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let f = 0; f < FRAMES; f++) {
    const params = talkingFrame(f);
    const start = performance.now();
    renderFrame(image, [rig], [params], out);
    times.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000 / FRAMES;
  const { x0, y0, x1, y1 } = rig.region;
  console.log(
    `warp render    ${label.padEnd(26)} ${`${image.width}x${image.height}`.padEnd(10)} region ${x1 - x0}x${y1 - y0}  rig ${rigMs.toFixed(0)} ms  frame median ${median(times).toFixed(2)} ms  p90 ${percentile(times, 0.9).toFixed(2)} ms  cpu ${cpuMs.toFixed(2)} ms/frame  (${FRAMES} frames)`,
  );
}

export const warpBench: BenchSection = {
  name: 'warp',
  async run() {
    const pool = new SessionPool(defaultModelPaths());
    const tools = await resolveFfmpegTools();
    const portrait = (await decodeImage(tools, join(MEDIA, 'images/portrait_eileen_collins_nasa.png'))).image;
    await benchWarp(pool, 'portrait 512', portrait);
    const soccer = (await decodeImage(tools, join(MEDIA, 'images/group3_soccer_players_cc0.jpg'))).image;
    await benchWarp(pool, 'group photo 1280 (small face)', soccer);
    const chris = (await decodeImage(tools, join(MEDIA, 'images/portrait_chris_pratt_ccby2.jpg'))).image;
    await benchWarp(pool, 'portrait 512 upscaled to 1280', upscale(chris, 1280 / chris.width));
    await pool.release();
  },
};
