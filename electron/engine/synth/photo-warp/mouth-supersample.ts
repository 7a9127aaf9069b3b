/**
 * The lips drawn anti-aliased. The warp draws whole pixels, which is invisible where it is continuous; but around the
 * lips it is not: pressed or closing lips fold the upper lip's triangles over the lower lip's, the bridges across the
 * opening shrink to slivers thinner than a pixel, and the mesh's edges need not follow the inner lip line. Each of
 * those cuts pixel by pixel, a sawtooth at the photo's resolution that the encoder enlarges 2–16× into the output.
 * So the mouth's box is drawn again at a few samples per pixel each way, and where a pixel's samples disagree (an edge
 * runs through it) it takes their mean. Pixels whose samples agree keep the warp's single sample: the warp stays as
 * sharp as the photo, with no box of softer skin round the mouth.
 */
import { LIPS_OUTER } from '../../face/mesh-regions.js';
import { forEachMovedTriangle, type FaceRig, type PixelRect } from './face-rig.js';
import { warpTriangle, type PixelWords } from './triangle-warp.js';

/** Samples per pixel each way: 3 for a small mouth (enlarged most into the output), 2 for a large one (cheaper). */
const SUB_SMALL = 3;
const SUB_LARGE = 2;
const LARGE_MOUTH_PX = 90;
/** Sum of |channel difference| between a pixel's samples above which an edge runs through it. */
const EDGE_SPREAD = 36;

interface SuperScratch {
  words: Uint32Array;
  dest: Float64Array;
  clip: PixelRect;
  view: PixelWords;
}
const scratchByRig = new WeakMap<FaceRig, SuperScratch>();

function scratchFor(rig: FaceRig, samples: number): SuperScratch {
  let s = scratchByRig.get(rig);
  if (!s || s.words.length < samples) {
    // grows rarely (the mouth's widest pose); a little headroom saves regrowing
    const words = new Uint32Array(Math.ceil(samples * 1.25));
    s = { words, dest: new Float64Array(2 * rig.vertexCount), clip: { x0: 0, y0: 0, x1: 0, y1: 0 }, view: { width: 0, height: 0, words } };
    scratchByRig.set(rig, s);
  }
  return s;
}

/** The box round the lips this frame, with a margin, inside the rig's region. */
function mouthBox(rig: FaceRig): PixelRect {
  const d = rig.scratch.dest;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const i of LIPS_OUTER) {
    minX = Math.min(minX, d[2 * i]);
    maxX = Math.max(maxX, d[2 * i]);
    minY = Math.min(minY, d[2 * i + 1]);
    maxY = Math.max(maxY, d[2 * i + 1]);
  }
  const margin = 2 + 0.08 * (maxX - minX);
  const r = rig.region;
  return {
    x0: Math.max(r.x0, Math.floor(minX - margin)),
    y0: Math.max(r.y0, Math.floor(minY - margin)),
    x1: Math.min(r.x1, Math.ceil(maxX + margin) + 1),
    y1: Math.min(r.y1, Math.ceil(maxY + margin) + 1),
  };
}

/**
 * Redraws the moved triangles over the mouth's box at `sub` samples per pixel each way (same order as the warp, after it), and
 * writes the mean of each pixel's samples into `out` where they disagree. Call after the warp (its order, sorted for
 * this frame's pose), before the interior.
 */
export function supersampleMouth(rig: FaceRig, source: PixelWords, out: PixelWords): void {
  const box = mouthBox(rig);
  const sub = box.x1 - box.x0 > LARGE_MOUTH_PX ? SUB_LARGE : SUB_SMALL;
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  if (w <= 0 || h <= 0) return;
  const W = w * sub;
  const HS = h * sub;
  const s = scratchFor(rig, W * HS);
  const { words, dest, clip, view } = s;
  view.width = W;
  view.height = HS;
  clip.x1 = W;
  clip.y1 = HS;
  // samples start as the photo (what an unmoved triangle shows), each pixel repeated over its sub×sub samples
  const src = source.words;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = src[(box.y0 + y) * source.width + box.x0 + x];
      for (let j = 0; j < sub; j++) words.fill(p, (y * sub + j) * W + x * sub, (y * sub + j) * W + x * sub + sub);
    }
  }
  // destination positions in sample units: pixel x's samples sit at x + (j + 0.5)/sub - 0.5
  const d = rig.scratch.dest;
  const half = (sub - 1) / 2;
  for (let k = 0; k < rig.vertexCount; k++) {
    dest[2 * k] = (d[2 * k] - box.x0) * sub + half;
    dest[2 * k + 1] = (d[2 * k + 1] - box.y0) * sub + half;
  }
  forEachMovedTriangle(rig, (a, b, c) => {
    // triangles wholly outside the box draw nothing there
    if (Math.max(dest[2 * a], dest[2 * b], dest[2 * c]) < 0 || Math.min(dest[2 * a], dest[2 * b], dest[2 * c]) >= W) return;
    if (Math.max(dest[2 * a + 1], dest[2 * b + 1], dest[2 * c + 1]) < 0 || Math.min(dest[2 * a + 1], dest[2 * b + 1], dest[2 * c + 1]) >= HS) return;
    warpTriangle(source, view, clip, dest, rig.scratch.texture, a, b, c);
  });
  resolve(s, box, sub, out);
}

/** Each pixel of the box whose samples spread beyond EDGE_SPREAD takes their mean; the others keep the warp's pixel. */
function resolve(s: SuperScratch, box: PixelRect, sub: number, out: PixelWords): void {
  const { words } = s;
  const W = s.view.width;
  const n = sub * sub;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const base = (y - box.y0) * sub * W + (x - box.x0) * sub;
      const first = words[base];
      const r0 = first & 255;
      const g0 = (first >>> 8) & 255;
      const b0 = (first >>> 16) & 255;
      let spread = 0;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let j = 0; j < sub; j++) {
        for (let i = 0; i < sub; i++) {
          const p = words[base + j * W + i];
          const pr = p & 255;
          const pg = (p >>> 8) & 255;
          const pb = (p >>> 16) & 255;
          spread = Math.max(spread, Math.abs(pr - r0) + Math.abs(pg - g0) + Math.abs(pb - b0));
          r += pr;
          g += pg;
          b += pb;
        }
      }
      if (spread <= EDGE_SPREAD) continue;
      const o = y * out.width + x;
      out.words[o] = (((r / n + 0.5) | 0) | (((g / n + 0.5) | 0) << 8) | (((b / n + 0.5) | 0) << 16) | (out.words[o] & 0xff000000)) >>> 0;
    }
  }
}
