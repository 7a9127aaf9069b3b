/**
 * Renders one subject of a photo under a set of face parameters and writes a labelled grid PNG, to look at what the
 * built-in renderer does. Usage: npx tsx scripts/render-poses.ts <image> [--subject N] [--zoom K] [-o grid.png]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { defaultModelPaths } from '../electron/engine/install-layout.js';
import { NEUTRAL_FRAME, type SubjectFrameParams } from '../electron/engine/animate/performance-types.js';
import { analyzeImage } from '../electron/engine/face/index.js';
import { createRgbaImage, decodeImage, resolveFfmpegTools, writePng, type RgbaImage } from '../electron/engine/media/index.js';
import { SessionPool } from '../electron/engine/models/session-pool.js';
import { createFaceRig } from '../electron/engine/synth/photo-warp/face-rig.js';
import { drawNumberLabel } from '../electron/engine/media/raster-draw.js';
import { createFrameBuffer, renderFrame } from '../electron/engine/synth/photo-warp/render-frame.js';

const POSES: [string, Partial<SubjectFrameParams>][] = [
  ['neutral', {}],
  ['jaw 0.5', { jawOpen: 0.5 }],
  ['jaw 1 + teeth', { jawOpen: 1, teethShow: 1 }],
  ['tongue', { jawOpen: 0.7, tongueShow: 1 }],
  ['press (after jaw 0.6)', { jawOpen: 0.6, lipPress: 1 }],
  ['round', { lipRound: 1, jawOpen: 0.3 }],
  ['spread', { lipSpread: 1, jawOpen: 0.2, teethShow: 1 }],
  ['blink', { blinkLeft: 1, blinkRight: 1 }],
  ['gaze left', { gazeX: -0.15 }],
  ['gaze right + up', { gazeX: 0.15, gazeY: -0.08 }],
  ['half blink', { blinkLeft: 0.5, blinkRight: 0.5 }],
  ['yaw +0.25', { yaw: 0.25 }],
  ['yaw -0.25', { yaw: -0.25 }],
  ['pitch +0.15', { pitch: 0.15 }],
  ['brow', { browRaise: 1 }],
  ['yaw +0.1 pitch -0.05 roll 0.05 (lively talk)', { yaw: 0.1, pitch: -0.05, roll: 0.05, jawOpen: 0.4 }],
  ['extreme', { jawOpen: 1, lipRound: 1, upperLipRaise: 1, teethShow: 1, tongueShow: 1, blinkLeft: 1, yaw: 0.3, pitch: -0.2, roll: 0.2, browRaise: 1 }],
];

function crop(image: RgbaImage, x0: number, y0: number, w: number, h: number, zoom: number, into: RgbaImage, ox: number, oy: number): void {
  for (let y = 0; y < h * zoom; y++) {
    for (let x = 0; x < w * zoom; x++) {
      const sx = Math.min(image.width - 1, x0 + Math.floor(x / zoom));
      const sy = Math.min(image.height - 1, y0 + Math.floor(y / zoom));
      const s = (sy * image.width + sx) * 4;
      const d = ((oy + y) * into.width + ox + x) * 4;
      into.data.set(image.data.subarray(s, s + 4), d);
    }
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { poses: { type: 'string' }, subject: { type: 'string', default: '0' }, zoom: { type: 'string', default: '1' }, o: { type: 'string', default: 'render-poses.png' } } });
  const imagePath = positionals[0];
  if (!imagePath) throw new Error('usage: render-poses.ts <image> [--subject N] [--zoom K] [-o grid.png]');
  const tools = await resolveFfmpegTools();
  const pool = new SessionPool(defaultModelPaths());
  const { image } = await decodeImage(tools, imagePath, { maxSide: 2048 });
  const analysis = await analyzeImage(pool, image);
  const subject = analysis.subjects[Number(values.subject)];
  if (!subject) throw new Error(`${imagePath}: no subject ${values.subject} (found ${analysis.subjects.length})`);
  const t0 = performance.now();
  const rig = createFaceRig(image, subject, { otherSubjects: analysis.subjects });
  const rigMs = performance.now() - t0;
  const { x0, y0, x1, y1 } = rig.region;
  const zoom = Number(values.zoom);
  const [w, h] = [x1 - x0, y1 - y0];
  const chosen = values.poses ? values.poses.split(',').map((i) => POSES[Number(i)]) : POSES;
  const cols = Math.min(5, chosen.length);
  const rows = Math.ceil(chosen.length / cols);
  const grid = createRgbaImage(cols * w * zoom, rows * h * zoom);
  const out = createFrameBuffer(image);
  const times: number[] = [];
  chosen.forEach(([name, pose], i) => {
    const params = { ...NEUTRAL_FRAME, ...pose };
    for (let rep = 0; rep < 5; rep++) {
      const start = performance.now();
      renderFrame(image, [rig], [params], out);
      times.push(performance.now() - start);
    }
    crop(out, x0, y0, w, h, zoom, grid, (i % cols) * w * zoom, Math.floor(i / cols) * h * zoom);
    drawNumberLabel(grid, i, (i % cols) * w * zoom + 2, Math.floor(i / cols) * h * zoom + 2, 2, [255, 255, 0]);
    console.log(`${i}: ${name}`);
  });
  await writePng(tools, grid, values.o!);
  times.sort((a, b) => a - b);
  console.log(`image ${image.width}x${image.height}, region ${w}x${h}, ${rig.vertexCount} vertices, ${rig.triangles.length / 3} triangles; rig ${rigMs.toFixed(1)} ms`);
  console.log(`renderFrame median ${times[times.length >> 1].toFixed(2)} ms, p90 ${times[Math.floor(times.length * 0.9)].toFixed(2)} ms`);
  await pool.release();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
