/**
 * The photo's own open mouth, for a photo that shows one. Stretched with the lips, its teeth would smear into grey
 * ghosts across the new opening; but teeth do not stretch: the upper ones are fixed to the skull and the lower ones
 * ride on the jaw. So the opening is split, column by column, where the upper teeth give way to the lower ones (the
 * darkest point between them), and each part is later sampled from the photo unmoved by the lips: the upper part
 * where the skull carried it, the lower part where the jaw did (mouth-interior.ts paints the cavity in between).
 */
import { lumaAt, type RgbaImage } from '../../media/rgba-image.js';
import { createLens, fillLensCurve, LENS_BINS, lensLinesAt, measureLens, type Lens } from './lens-shape.js';
import type { MouthGeometry } from './rig-geometry.js';

export interface PhotoMouth {
  image: RgbaImage;
  /** The photo's own opening between its inner lip lines, in photo pixels. */
  lens: Lens;
  /** Per lens bin: depth (0 at the upper line, 1 at the lower) where the upper teeth's part ends. */
  split: Float64Array;
}

/** Only an opening this tall (face heights) has an interior of its own to keep. */
export const OPEN_PHOTO_GAP = 0.012;
/** The split between upper and lower teeth is looked for in this band of depths. */
const SPLIT_FROM = 0.25;
const SPLIT_TO = 0.9;
const SPLIT_STEP = 0.025;
/** Dark enough to be past the teeth: this share of the way from the opening's dark level up to a column's brightest. */
const SPLIT_LEVEL = 0.45;

export function measurePhotoMouth(image: RgbaImage, source: Float64Array, mouth: MouthGeometry, heightPx: number): PhotoMouth | null {
  if (mouth.gapPx < OPEN_PHOTO_GAP * heightPx) return null;
  const n = source.length / 3;
  const xy = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) [xy[2 * k], xy[2 * k + 1]] = [source[3 * k], source[3 * k + 1]];
  const lens = createLens();
  const ss = new Float64Array(32);
  const ts = new Float64Array(32);
  measureLens(lens, xy, mouth.upper.indices, mouth.lower.indices);
  fillLensCurve(lens, xy, mouth.upper.indices, lens.top, ss, ts);
  fillLensCurve(lens, xy, mouth.lower.indices, lens.bottom, ss, ts);
  // each column's profile down the opening, and the opening's own bright (teeth) and dark (cavity) levels
  const steps = Math.round((SPLIT_TO - SPLIT_FROM) / SPLIT_STEP) + 1;
  const profiles = new Float64Array(LENS_BINS * steps);
  const lines = new Float64Array(2);
  for (let bin = 0; bin < LENS_BINS; bin++) {
    const s = (bin / (LENS_BINS - 1)) * 2 - 1;
    lensLinesAt(lens, s, lines);
    for (let j = 0; j < steps; j++) profiles[bin * steps + j] = lumaAtLens(image, lens, s, lines[0] + (SPLIT_FROM + j * SPLIT_STEP) * (lines[1] - lines[0]));
  }
  const sorted = Float64Array.from(profiles).sort();
  const dark = sorted[Math.floor(0.1 * (sorted.length - 1))];
  // down each column the upper teeth (which hold its brightest point: the lower ones are in their shade) end where it
  // first turns dark below that point, against that column's own brightest (the side teeth are shaded); teeth down to
  // the band's end (touching the lower ones) end at the darkest point below their brightest
  const ends = new Float64Array(LENS_BINS);
  for (let bin = 0; bin < LENS_BINS; bin++) {
    const profile = Array.from(profiles.subarray(bin * steps, (bin + 1) * steps));
    const brightest = Math.max(...profile);
    const from = profile.indexOf(brightest);
    const threshold = dark + SPLIT_LEVEL * (brightest - dark);
    const below = profile.slice(from);
    let j = below.findIndex((l) => l < threshold);
    if (j < 0) j = below.indexOf(Math.min(...below));
    ends[bin] = SPLIT_FROM + (from + j) * SPLIT_STEP;
  }
  // a column down a gap between two teeth turns dark at once; its neighbours' median holds the line, then a mean smooths it
  const median = new Float64Array(LENS_BINS);
  for (let bin = 0; bin < LENS_BINS; bin++) {
    const near = Array.from(ends.subarray(Math.max(0, bin - 4), Math.min(LENS_BINS, bin + 5))).sort((a, b) => a - b);
    median[bin] = near[near.length >> 1];
  }
  const split = new Float64Array(LENS_BINS);
  for (let bin = 0; bin < LENS_BINS; bin++) {
    const near = median.subarray(Math.max(0, bin - 2), Math.min(LENS_BINS, bin + 3));
    split[bin] = near.reduce((a, b) => a + b, 0) / near.length;
  }
  return { image, lens, split };
}

/** Split depth at across-position s. */
export function splitAt(mouth: PhotoMouth, s: number): number {
  const f = Math.min(LENS_BINS - 1.000001, Math.max(0, ((s + 1) / 2) * (LENS_BINS - 1)));
  const i = f | 0;
  return mouth.split[i] + (mouth.split[i + 1] - mouth.split[i]) * (f - i);
}

/** Photo colour at (x, y), bilinear, into `into[0..2]`. */
export function samplePhoto(image: RgbaImage, x: number, y: number, into: Float64Array): void {
  const x0 = Math.max(0, Math.min(image.width - 2, Math.floor(x)));
  const y0 = Math.max(0, Math.min(image.height - 2, Math.floor(y)));
  const fx = Math.min(1, Math.max(0, x - x0));
  const fy = Math.min(1, Math.max(0, y - y0));
  const o = (y0 * image.width + x0) * 4;
  const row = image.width * 4;
  const d = image.data;
  for (let c = 0; c < 3; c++) {
    const top = d[o + c] + (d[o + 4 + c] - d[o + c]) * fx;
    const bottom = d[o + row + c] + (d[o + row + 4 + c] - d[o + row + c]) * fx;
    into[c] = top + (bottom - top) * fy;
  }
}

const rgbScratch = new Float64Array(3);
const lineScratch = new Float64Array(2);
const sampled = new Float64Array(3);

/**
 * The photo's own opening seen at destination pixel (x, y), its upper part carried by `upperShift` (x, y pixels: the
 * skull's move) and its lower part by `lowerShift` (the jaw's). Writes [r, g, b, coverage] of the upper part into
 * `into[0..3]` and of the lower part into `into[4..7]`; a coverage of 0 leaves the painted cavity. Unmoved, the two
 * parts are the photo as it stands.
 */
export function photoMouthAt(mouth: PhotoMouth, x: number, y: number, upperShift: Float64Array, lowerShift: Float64Array, into: Float64Array): void {
  into[3] = partAt(mouth, x - upperShift[0], y - upperShift[1], true, into, 0);
  into[7] = partAt(mouth, x - lowerShift[0], y - lowerShift[1], false, into, 4);
}

function partAt(mouth: PhotoMouth, x: number, y: number, upper: boolean, into: Float64Array, at: number): number {
  const { lens } = mouth;
  const rx = x - lens.originX;
  const ry = y - lens.originY;
  const s = (rx * lens.axisX + ry * lens.axisY) / lens.halfWidth;
  if (s <= -1 || s >= 1) return 0;
  const lines = lineScratch;
  lensLinesAt(lens, s, lines);
  const gap = lines[1] - lines[0];
  if (gap <= 0) return 0;
  const t = -rx * lens.axisY + ry * lens.axisX;
  const split = lines[0] + splitAt(mouth, s) * gap;
  // the lower part reaches a little past the split, under the upper part's soft edge
  const cover = upper ? clamp01(split - t + 0.5) : clamp01(t - split + 1.5);
  if (cover === 0) return 0;
  // beyond its lip line and the pixel its edge blends into, a part repeats a row a little inside the line (the line's
  // own pixels are half lip)
  const edge = Math.min(1.5, 0.25 * gap);
  const tq = upper ? (t < lines[0] - 1 ? lines[0] + edge : t) : t > lines[1] + 1 ? lines[1] - edge : t;
  const along = s * lens.halfWidth;
  samplePhoto(mouth.image, lens.originX + along * lens.axisX - tq * lens.axisY, lens.originY + along * lens.axisY + tq * lens.axisX, sampled);
  into[at] = sampled[0];
  into[at + 1] = sampled[1];
  into[at + 2] = sampled[2];
  return cover;
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

function lumaAtLens(image: RgbaImage, lens: Lens, s: number, t: number): number {
  const along = s * lens.halfWidth;
  samplePhoto(image, lens.originX + along * lens.axisX - t * lens.axisY, lens.originY + along * lens.axisY + t * lens.axisX, rgbScratch);
  return lumaAt(rgbScratch);
}
