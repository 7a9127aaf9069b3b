/**
 * Dubs of real footage to look at at 100 %: GRID and Obama clips dubbed through the CLI, written to
 * test-output/dub-look/ (or --out DIR) as, for each dub:
 *   NAME-sheet.png     eight frames across the dub (top row) above the original clip's frames at the same times;
 *   NAME-SHAPE.png     the original frame's lower face (left) beside the dub's (right) at 100 %, for four mouth shapes
 *                      picked from the dub by inner-lip gap and width: closed, half, wide, rounded
 *                      (NAME-SHAPE-zoom.png: the same enlarged with whole pixels when the crop is small);
 *   NAME-sequence.png  eight consecutive frames around the widest one, dub above original (flicker, seams in motion).
 * Prints the picked frames' gap (over face height) and inner-lip width (over eye distance).
 *   npx tsx scripts/measure-dub-look.ts [--out DIR] [case …]   (cases: grid, grid-say, obama, obama-joined-say)
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { defaultModelPaths } from '../electron/engine/install-layout.js';
import type { Point3 } from '../electron/engine/face/face-types.js';
import { createRgbaImage, readVideoFrames, resolveFfmpegTools, writePng, type FfmpegTools, type RgbaImage } from '../electron/engine/media/index.js';
import { SessionPool } from '../electron/engine/models/session-pool.js';
import { measureVideo } from '../electron/engine/quality/measure-video.js';
import { cropAndShrink } from '../electron/engine/render/area-downscale.js';
import { joinClips } from '../tests/helpers/join-clips.js';
import { ROOT, sharedMedia } from '../tests/helpers/shared-media.js';

const CASES: Record<string, { face: string | string[]; voice: string[] }> = {
  grid: { face: sharedMedia('video/grid_brbk7n.mpg'), voice: ['--audio', sharedMedia('video/grid_lbax4n.mpg')] },
  'grid-say': { face: sharedMedia('video/grid_brbk7n.mpg'), voice: ['--say', 'Put the red cup on the table, now.'] },
  obama: { face: sharedMedia('video/obama_weekly_address_challenges.mp4'), voice: ['--audio', sharedMedia('video/obama_weekly_address_progress.mp4')] },
  // Two addresses joined: a shot cut at 2.5 s.
  'obama-joined-say': {
    face: [sharedMedia('video/obama_weekly_address_dramatically_worse.mp4'), sharedMedia('video/obama_weekly_address_past_years.mp4')],
    voice: ['--say', 'We will keep working together, because our families deserve better than this.'],
  },
};
const SHEET_FRAMES = 8;
const SHEET_THUMB_WIDTH_PX = 320;
const SEQUENCE_FRAMES = 8;
const GAP_PX = 4;

interface Row { index: number; gap: number; width: number; landmarks: Point3[] }
type Box = { x: number; y: number; width: number; height: number };

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outDir = resolve(outAt >= 0 ? args.splice(outAt, 2)[1] : join(ROOT, 'test-output', 'dub-look'));
const wanted = args.length ? args : Object.keys(CASES);
mkdirSync(outDir, { recursive: true });
const tools = await resolveFfmpegTools();
const pool = new SessionPool(defaultModelPaths());
const dist = (a: Point3, b: Point3) => Math.hypot(a[0] - b[0], a[1] - b[1]);

try {
  for (const name of wanted) {
    const spec = CASES[name];
    if (!spec) throw new Error(`unknown case ${name}; have ${Object.keys(CASES).join(', ')}`);
    const dubPath = join(outDir, `${name}-dub.mp4`);
    const face = typeof spec.face === 'string' ? spec.face : await joinClips(tools, spec.face, join(outDir, `${name}-source.mp4`));
    await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'mouthpiece.cjs'), 'render', '--face', face, '--consent', 'Public-domain footage (look check).', ...spec.voice, '--preset', 'source', '--keep-loudness', '--overwrite', '-o', dubPath], { maxBuffer: 64 << 20 });
    const rows: Row[] = [];
    const measured = await measureVideo({ tools, pool }, dubPath, {
      visitors: [(_, m, l) => void (l && m.lipGap !== null && rows.push({ index: m.index, gap: m.lipGap, width: dist(l[78], l[308]) / dist(l[33], l[263]), landmarks: l }))],
    });
    const picks = pickShapes(rows);
    for (const [shape, row] of Object.entries(picks)) console.log(`${name.padEnd(9)} ${shape.padEnd(8)} frame ${String(row.index).padStart(4)}  gap ${row.gap.toFixed(3)}  width ${row.width.toFixed(2)}`);
    const wide = picks.wide.index;
    const sequence = Array.from({ length: SEQUENCE_FRAMES }, (_, i) => Math.min(measured.frames.length - SEQUENCE_FRAMES, Math.max(0, wide - SEQUENCE_FRAMES / 2)) + i);
    const sheet = Array.from({ length: SHEET_FRAMES }, (_, i) => Math.round((i * (measured.frames.length - 1)) / (SHEET_FRAMES - 1)));
    const byIndex = new Map(rows.map((r) => [r.index, r]));
    const shots = await collect(tools, { dubPath, facePath: face, crops: new Map([...Object.values(picks), ...sequence.map((i) => byIndex.get(i)).filter((r): r is Row => !!r)].map((r) => [r.index, mouthBox(r.landmarks)])), thumbs: new Set(sheet) });
    await writePng(tools, grid([sheet.map((i) => shots.dubThumbs.get(i)), sheet.map((i) => shots.originalThumbs.get(i))]), join(outDir, `${name}-sheet.png`), { overwrite: true });
    for (const [shape, row] of Object.entries(picks)) {
      const pair = grid([[shots.originalCrops.get(row.index), shots.dubCrops.get(row.index)]]);
      await writePng(tools, pair, join(outDir, `${name}-${shape}.png`), { overwrite: true });
      const zoom = Math.floor(640 / pair.width);
      if (zoom > 1) await writePng(tools, enlarge(pair, zoom), join(outDir, `${name}-${shape}-zoom.png`), { overwrite: true });
    }
    await writePng(tools, grid([sequence.map((i) => shots.dubCrops.get(i)), sequence.map((i) => shots.originalCrops.get(i))]), join(outDir, `${name}-sequence.png`), { overwrite: true });
    console.log(`${name.padEnd(9)} ${measured.width}×${measured.height}, ${measured.frames.length} frames → ${outDir}/${name}-*.png`);
  }
} finally {
  await pool.release();
}

/** Closed = smallest gap, wide = largest, half = nearest the middle, rounded = narrowest of the frames open at least 30 % of the range. */
function pickShapes(rows: Row[]): Record<'closed' | 'half' | 'wide' | 'rounded', Row> {
  const gaps = rows.map((r) => r.gap);
  const [lo, hi] = [Math.min(...gaps), Math.max(...gaps)];
  const by = (score: (r: Row) => number, from = rows) => from.reduce((best, r) => (score(r) < score(best) ? r : best));
  const open = rows.filter((r) => r.gap >= lo + 0.3 * (hi - lo));
  return { closed: by((r) => r.gap), half: by((r) => Math.abs(r.gap - (lo + hi) / 2)), wide: by((r) => -r.gap), rounded: by((r) => r.width, open) };
}

/** The lower face around the mouth: 1.8 eye distances wide, 1.3 high, reaching below the lower lip toward the chin. */
function mouthBox(l: Point3[]): Box {
  const eyes = dist(l[33], l[263]);
  const cx = (l[61][0] + l[291][0]) / 2;
  const cy = (l[0][1] + l[17][1]) / 2 + 0.15 * eyes;
  return { x: Math.round(cx - 0.9 * eyes), y: Math.round(cy - 0.65 * eyes), width: Math.round(1.8 * eyes), height: Math.round(1.3 * eyes) };
}

/** One pass over the dub and the original in step: the crops (the original's box scaled to its own size) and the sheet's thumbnails. */
async function collect(tools: FfmpegTools, input: { dubPath: string; facePath: string; crops: Map<number, Box>; thumbs: Set<number> }) {
  const out = { dubCrops: new Map<number, RgbaImage>(), originalCrops: new Map<number, RgbaImage>(), dubThumbs: new Map<number, RgbaImage>(), originalThumbs: new Map<number, RgbaImage>() };
  const original = readVideoFrames(tools, input.facePath)[Symbol.asyncIterator]();
  for await (const dub of readVideoFrames(tools, input.dubPath)) {
    const next = await original.next();
    const box = input.crops.get(dub.index);
    if (box) out.dubCrops.set(dub.index, crop(dub, box));
    if (input.thumbs.has(dub.index)) out.dubThumbs.set(dub.index, thumb(dub));
    if (next.done) continue;
    const s = next.value.width / dub.width;
    if (box) out.originalCrops.set(dub.index, crop(next.value, { x: Math.round(box.x * s), y: Math.round(box.y * s), width: Math.round(box.width * s), height: Math.round(box.height * s) }));
    if (input.thumbs.has(dub.index)) out.originalThumbs.set(dub.index, thumb(next.value));
  }
  await original.return?.(undefined);
  return out;
}

function crop(image: RgbaImage, box: Box): RgbaImage {
  const out = createRgbaImage(box.width, box.height);
  for (let y = 0; y < box.height; y++) {
    const sy = Math.min(image.height - 1, Math.max(0, box.y + y));
    for (let x = 0; x < box.width; x++) {
      const sx = Math.min(image.width - 1, Math.max(0, box.x + x));
      out.data.set(image.data.subarray((sy * image.width + sx) * 4, (sy * image.width + sx) * 4 + 4), (y * box.width + x) * 4);
    }
  }
  return out;
}

function thumb(image: RgbaImage): RgbaImage {
  const width = Math.min(image.width, SHEET_THUMB_WIDTH_PX);
  const height = Math.round((image.height * width) / image.width);
  return width === image.width ? image : cropAndShrink(image, { x: 0, y: 0, width: image.width, height: image.height }, width, height);
}

/** Rows of images side by side on grey, GAP_PX apart (a missing image leaves its cell empty). */
function grid(rows: (RgbaImage | undefined)[][]): RgbaImage {
  const cells = rows.flat().filter((c): c is RgbaImage => !!c);
  const cellW = Math.max(...cells.map((c) => c.width));
  const cellH = Math.max(...cells.map((c) => c.height));
  const columns = Math.max(...rows.map((r) => r.length));
  const out = createRgbaImage(columns * (cellW + GAP_PX) - GAP_PX, rows.length * (cellH + GAP_PX) - GAP_PX);
  for (let i = 0; i < out.data.length; i += 4) out.data.set([96, 96, 96, 255], i);
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell) return;
      for (let y = 0; y < cell.height; y++) out.data.set(cell.data.subarray(y * cell.width * 4, (y + 1) * cell.width * 4), ((r * (cellH + GAP_PX) + y) * out.width + c * (cellW + GAP_PX)) * 4);
    }),
  );
  return out;
}

function enlarge(image: RgbaImage, factor: number): RgbaImage {
  const out = createRgbaImage(image.width * factor, image.height * factor);
  for (let y = 0; y < out.height; y++) for (let x = 0; x < out.width; x++) out.data.set(image.data.subarray((Math.floor(y / factor) * image.width + Math.floor(x / factor)) * 4, (Math.floor(y / factor) * image.width + Math.floor(x / factor)) * 4 + 4), (y * out.width + x) * 4);
  return out;
}
