/**
 * The lips drawn anti-aliased. The warp draws whole pixels, which is invisible where it is continuous; but around the
 * lips it is not: pressed or closing lips fold the upper lip's triangles over the lower lip's, the bridges across the
 * opening shrink to slivers thinner than a pixel, and the mesh's edges need not follow the inner lip line. Each of
 * those cuts pixel by pixel, a sawtooth at the photo's resolution that the encoder enlarges 2–16× into the output.
 * So the mouth's box is drawn again at SUB×SUB samples per pixel, and where a pixel's samples disagree (an edge runs
 * through it) it takes their mean. Pixels whose samples agree keep their single sample: the warp stays as sharp as
 * the photo, with no box of softer skin round the mouth.
 */
import { LIPS_OUTER } from '../../face/mesh-regions.js';
import type { FaceRig, PixelRect } from './face-rig.js';
import { warpTriangle, type PixelWords } from './triangle-warp.js';

const SUB = 3;
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
 * Redraws the moved triangles over the mouth's box at SUB× in each direction (same order as the warp, after it), and
 * writes the mean of each pixel's samples into `out` where they disagree. Call after the warp (its order, sorted for
 * this frame's pose), before the interior.
 */
export function supersampleMouth(rig: FaceRig, source: PixelWords, out: PixelWords): void {
  const box = mouthBox(rig);
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  if (w <= 0 || h <= 0) return;
  const W = w * SUB;
  const HS = h * SUB;
  const s = scratchFor(rig, W * HS);
  const { words, dest, clip, view } = s;
  view.width = W;
  view.height = HS;
  clip.x1 = W;
  clip.y1 = HS;
  // samples start as the photo (what an unmoved triangle shows), each pixel repeated over its SUB×SUB samples
  const src = source.words;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = src[(box.y0 + y) * source.width + box.x0 + x];
      for (let j = 0; j < SUB; j++) words.fill(p, (y * SUB + j) * W + x * SUB, (y * SUB + j) * W + x * SUB + SUB);
    }
  }
  // destination positions in sample units: a pixel's samples sit at offsets (j - 1)/SUB about its centre
  const d = rig.scratch.dest;
  const half = (SUB - 1) / 2;
  for (let k = 0; k < rig.vertexCount; k++) {
    dest[2 * k] = (d[2 * k] - box.x0) * SUB + half;
    dest[2 * k + 1] = (d[2 * k + 1] - box.y0) * SUB + half;
  }
  const { triangles, underlayCount } = rig;
  const { moved, order } = rig.scratch;
  for (let i = 0; i < order.length; i++) {
    const t = 3 * (i < underlayCount ? i : order[i]);
    const a = triangles[t];
    const b = triangles[t + 1];
    const c = triangles[t + 2];
    if (!moved[a] && !moved[b] && !moved[c]) continue;
    // triangles wholly outside the box draw nothing there
    if (Math.max(dest[2 * a], dest[2 * b], dest[2 * c]) < 0 || Math.min(dest[2 * a], dest[2 * b], dest[2 * c]) >= W) continue;
    if (Math.max(dest[2 * a + 1], dest[2 * b + 1], dest[2 * c + 1]) < 0 || Math.min(dest[2 * a + 1], dest[2 * b + 1], dest[2 * c + 1]) >= HS) continue;
    warpTriangle(source, view, clip, dest, rig.scratch.texture, a, b, c);
  }
  resolve(s, box, out);
}

/** Each pixel of the box: the mean of its samples where they spread beyond EDGE_SPREAD, else the centre sample. */
function resolve(s: SuperScratch, box: PixelRect, out: PixelWords): void {
  const { words } = s;
  const W = s.view.width;
  const n = SUB * SUB;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const base = (y - box.y0) * SUB * W + (x - box.x0) * SUB;
      const centre = words[base + ((SUB - 1) >> 1) * W + ((SUB - 1) >> 1)];
      let spread = 0;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let j = 0; j < SUB; j++) {
        for (let i = 0; i < SUB; i++) {
          const p = words[base + j * W + i];
          const pr = p & 255;
          const pg = (p >>> 8) & 255;
          const pb = (p >>> 16) & 255;
          spread = Math.max(spread, Math.abs(pr - (centre & 255)) + Math.abs(pg - ((centre >>> 8) & 255)) + Math.abs(pb - ((centre >>> 16) & 255)));
          r += pr;
          g += pg;
          b += pb;
        }
      }
      const o = y * out.width + x;
      out.words[o] = spread <= EDGE_SPREAD ? centre : (((r / n + 0.5) | 0) | (((g / n + 0.5) | 0) << 8) | (((b / n + 0.5) | 0) << 16) | (centre & 0xff000000)) >>> 0;
    }
  }
}
