/**
 * A personal mouth for a photo: the inside of the mouth (teeth, tongue, cavity) taken from a clip of the person
 * talking instead of painted. Each output frame gets the banked clip frame whose mouth shape best matches the wanted
 * articulation (choose-mouths, with its continuity cost); the interior between that frame's inner lips is mapped into
 * the photo's inner-lip opening along the mouth and across it, and tinted by the ratio of the photo's lip colour to
 * the clip's. Where the bank has no shape open enough, the frame keeps the painted interior.
 */
import type { SubjectFrameParams } from '../../animate/performance-types.js';
import type { RgbaImage } from '../../media/rgba-image.js';
import { chooseMouths, targetShapeOf } from '../mouth-bank/choose-mouths.js';
import type { MouthBank, MouthBankEntry } from '../mouth-bank/mouth-bank.js';
import type { FaceRig } from './face-rig.js';
import { createLens, fillLensCurve, lensLinesAt, measureLens, type Lens } from './lens-shape.js';
import type { Rgb } from './rig-colours.js';

export interface PersonalMouthFrame {
  /** The banked lower face and its inner-lip opening in the crop's pixels. */
  crop: RgbaImage;
  lens: Lens;
  /** Per-channel factor taking the clip's colours to the photo's. */
  gain: Rgb;
}

/** A banked opening narrower than this (crop pixels, at the middle) has no interior to show. */
const MIN_BANKED_GAP_PX = 2;
/** A banked mouth opened less than this share of the wanted opening would show its interior stretched thin. */
const MIN_OPENING_SHARE = 0.4;
/** The tint is kept within this factor either way: a badly lit clip should not turn the teeth a colour. */
const MAX_GAIN = 1.6;

/** The clip frame (or null: painted) each of `frames` shows in `rig`'s mouth. */
export function planPersonalMouths(bank: MouthBank, photo: RgbaImage, rig: FaceRig, frames: readonly SubjectFrameParams[]): (PersonalMouthFrame | null)[] {
  const entries = bank.entries;
  if (entries.length === 0 || frames.length === 0) return frames.map(() => null);
  const stats = bank.stats();
  const yaws = entries.map((e) => e.yawRad).sort((a, b) => a - b);
  const clipYaw = yaws[yaws.length >> 1];
  const targets = frames.map((f) => targetShapeOf(f, stats));
  const choices = chooseMouths(entries, targets, frames.map((f) => clipYaw + f.yaw));
  const gain = colourGain(photo, rig, entries);
  const prepared = new Map<number, PersonalMouthFrame | null>();
  return choices.map((choice, t) => {
    const entry = entries[choice.entry];
    if (entry.shape.opening < MIN_OPENING_SHARE * targets[t].opening) return null;
    if (!prepared.has(choice.entry)) prepared.set(choice.entry, prepareEntry(entry, rig, gain));
    return prepared.get(choice.entry) ?? null;
  });
}

function prepareEntry(entry: MouthBankEntry, rig: FaceRig, gain: Rgb): PersonalMouthFrame | null {
  const points = new Float64Array((entry.landmarks.length / 3) * 2);
  for (let i = 0; i < points.length / 2; i++) {
    points[2 * i] = entry.landmarks[3 * i] * entry.scale - entry.cropX;
    points[2 * i + 1] = entry.landmarks[3 * i + 1] * entry.scale - entry.cropY;
  }
  const lens = createLens();
  const { upper, lower } = rig.mouth;
  measureLens(lens, points, upper.indices, lower.indices);
  const ss = new Float64Array(32);
  const ts = new Float64Array(32);
  fillLensCurve(lens, points, upper.indices, lens.top, ss, ts);
  fillLensCurve(lens, points, lower.indices, lens.bottom, ss, ts);
  const lines = new Float64Array(2);
  lensLinesAt(lens, 0, lines);
  if (lines[1] - lines[0] < MIN_BANKED_GAP_PX) return null;
  return { crop: entry.crop, lens, gain };
}

/** Points on the lip body (between an outer and an inner lip landmark), where photo and clip are compared. */
const LIP_BODY_PAIRS = [
  [0, 13],
  [37, 82],
  [267, 312],
  [17, 14],
  [84, 87],
  [314, 317],
];

/** Mean colour at the lip-body points; `points` are x, y, z triples mapped into `image` by `scale` and `offset`. */
function lipColour(image: RgbaImage, points: ArrayLike<number>, scale: number, offsetX: number, offsetY: number, into: number[]): void {
  for (const [outer, inner] of LIP_BODY_PAIRS) {
    const x = ((points[3 * outer] + points[3 * inner]) / 2) * scale - offsetX;
    const y = ((points[3 * outer + 1] + points[3 * inner + 1]) / 2) * scale - offsetY;
    const rgb = sampleCrop(image, x, y);
    for (let c = 0; c < 3; c++) into[c] += rgb[c] / LIP_BODY_PAIRS.length;
  }
}

/** The photo's lip colour over the clip's, measured at the same points of the lips (over a spread of the bank). */
function colourGain(photo: RgbaImage, rig: FaceRig, entries: readonly MouthBankEntry[]): Rgb {
  const photoLip = [0, 0, 0];
  lipColour(photo, rig.source, 1, 0, 0, photoLip);
  const clipLip = [0, 0, 0];
  const step = Math.max(1, Math.floor(entries.length / 40));
  let count = 0;
  for (let e = 0; e < entries.length; e += step, count++) lipColour(entries[e].crop, entries[e].landmarks, entries[e].scale, entries[e].cropX, entries[e].cropY, clipLip);
  const clamp = (v: number) => Math.min(MAX_GAIN, Math.max(1 / MAX_GAIN, v));
  return [0, 1, 2].map((c) => clamp(photoLip[c] / Math.max(1, clipLip[c] / count))) as Rgb;
}

const scratchRgb: Rgb = [0, 0, 0];

/** Bilinear RGB of `image` at (x, y), edges clamped; the returned array is reused by the next call. */
export function sampleCrop(image: RgbaImage, x: number, y: number, into: Rgb = scratchRgb): Rgb {
  const fx = Math.min(image.width - 1.001, Math.max(0, x));
  const fy = Math.min(image.height - 1.001, Math.max(0, y));
  const x0 = fx | 0;
  const y0 = fy | 0;
  const tx = fx - x0;
  const ty = fy - y0;
  const w = image.width;
  const x1 = Math.min(w - 1, x0 + 1);
  const y1 = Math.min(image.height - 1, y0 + 1);
  const d = image.data;
  for (let c = 0; c < 3; c++) {
    const top = d[(y0 * w + x0) * 4 + c] * (1 - tx) + d[(y0 * w + x1) * 4 + c] * tx;
    const bottom = d[(y1 * w + x0) * 4 + c] * (1 - tx) + d[(y1 * w + x1) * 4 + c] * tx;
    into[c] = top * (1 - ty) + bottom * ty;
  }
  return into;
}

const lines = new Float64Array(2);

/** The clip's interior colour at across-position s (-1..1) and depth (0 at the upper inner lip, 1 at the lower), tinted. */
export function personalInteriorAt(mouth: PersonalMouthFrame, s: number, depth: number, into: Rgb): Rgb {
  const { lens } = mouth;
  lensLinesAt(lens, s, lines);
  const t = lines[0] + depth * (lines[1] - lines[0]);
  const along = s * lens.halfWidth;
  sampleCrop(mouth.crop, lens.originX + along * lens.axisX - t * lens.axisY, lens.originY + along * lens.axisY + t * lens.axisX, into);
  for (let c = 0; c < 3; c++) into[c] = tint(into[c], mouth.gain[c]);
  return into;
}

/**
 * A brightening gain rolls off towards white (255 stays 255), so lit teeth keep their shading instead of clipping
 * flat; a darkening one is a plain factor.
 */
function tint(value: number, gain: number): number {
  return gain <= 1 ? value * gain : (gain * value) / (1 + ((gain - 1) * value) / 255);
}
