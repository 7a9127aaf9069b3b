import type { FaceSubject, Point2 } from '../../face/face-types.js';
import { lumasInside, pointInPolygon } from '../../face/subject-masks.js';
import { lumaAt, type RgbaImage } from '../../media/rgba-image.js';
import { grainOf } from '../../media/image-statistics.js';
import { interiorSoftnessPx } from './photo-softness.js';

export type Rgb = [number, number, number];

/** Colours sampled from the photo once per subject, so the painted mouth interior matches its lighting. */
export interface RigColours {
  skin: Rgb;
  /** Mean luminance of the skin, 0..255. */
  skinLuma: number;
  lip: Rgb;
  enamel: Rgb;
  /** The photo shows its own teeth (and `enamel` is their colour). */
  photoTeeth: boolean;
  cavity: Rgb;
  tongue: Rgb;
  /** Standard deviation of the photo's fine grain on the cheeks, luma levels: the painted mouth gets as much. */
  grainSigma: number;
  /** How soft the photo is around the mouth, as a Gaussian blur in pixels: the painted interior is blurred as much. */
  softnessPx: number;
}

/**
 * Painted teeth are lit to the brighter of two references: this share of the photo's brightest eye whites (lit
 * teeth in real portraits read 0.8–1.0 of them), and this share of the skin's luma. The skin holds where eyes are
 * dim, shaded by the brows or squinting (the smiling woman's own teeth read 2.0 of her whites but 1.22 of her skin;
 * Eileen Collins's, the Apollo crew's and the bearded man's read 1.22–1.28 of the skin).
 */
const TEETH_TO_EYE_WHITES = 0.9;
const TEETH_TO_SKIN = 1.05;
/** Eye whites measured darker than this share of the skin's luma are taken as unseen (portraits read 0.76–1.3). */
const WHITES_TO_SKIN_AT_LEAST = 0.6;

const SKIN_POINTS = [50, 280, 151, 195, 4];

function patchMean(image: RgbaImage, x: number, y: number, radius: number): Rgb {
  const sum = [0, 0, 0];
  let count = 0;
  const r = Math.max(1, Math.round(radius));
  for (let yy = Math.round(y) - r; yy <= Math.round(y) + r; yy++) {
    for (let xx = Math.round(x) - r; xx <= Math.round(x) + r; xx++) {
      if (xx < 0 || yy < 0 || xx >= image.width || yy >= image.height) continue;
      const i = (yy * image.width + xx) * 4;
      sum[0] += image.data[i];
      sum[1] += image.data[i + 1];
      sum[2] += image.data[i + 2];
      count++;
    }
  }
  return count ? [sum[0] / count, sum[1] / count, sum[2] / count] : [128, 128, 128];
}

function mean(colours: Rgb[]): Rgb {
  return [0, 1, 2].map((c) => colours.reduce((s, x) => s + x[c], 0) / colours.length) as Rgb;
}

/** When the photo shows teeth, their own colour (the brightest quarter of the mouth opening); otherwise null. */
function photoTeeth(image: RgbaImage, opening: Point2[]): Rgb | null {
  const xs = opening.map((p) => p[0]);
  const ys = opening.map((p) => p[1]);
  const inside: Rgb[] = [];
  for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++) {
    for (let x = Math.floor(Math.min(...xs)); x <= Math.ceil(Math.max(...xs)); x++) {
      if (x < 0 || y < 0 || x >= image.width || y >= image.height || !pointInPolygon([x, y], opening)) continue;
      const i = (y * image.width + x) * 4;
      inside.push([image.data[i], image.data[i + 1], image.data[i + 2]]);
    }
  }
  if (inside.length < 8) return null;
  inside.sort((a, b) => lumaAt(b) - lumaAt(a));
  const bright = mean(inside.slice(0, Math.ceil(inside.length / 4)));
  const [r, g, b] = bright;
  // teeth are light and nearly grey; a bright but strongly red patch is tongue or lip
  return lumaAt(bright) > 110 && r - b < 60 && r - g < 45 ? bright : null;
}

export function sampleRigColours(image: RgbaImage, subject: FaceSubject, heightPx: number, mouthGapPx: number): RigColours {
  const lm = subject.landmarks;
  const patch = Math.max(1, heightPx * 0.015);
  const skin = mean(SKIN_POINTS.map((i) => patchMean(image, lm[i][0], lm[i][1], patch)));
  const lipPairs: [number, number][] = [[14, 17], [87, 84], [317, 314], [13, 0]];
  const lip = mean(lipPairs.map(([a, b]) => patchMean(image, (lm[a][0] + lm[b][0]) / 2, (lm[a][1] + lm[b][1]) / 2, patch * 0.6)));
  const skinLuma = lumaAt(skin);
  // enamel is lit like the skin but never brighter than a warm off-white
  const light = Math.min(1.02, Math.max(0.35, skinLuma / 170));
  const seen = mouthGapPx > 0.012 * heightPx ? photoTeeth(image, subject.masks.innerMouth) : null;
  // warm ivory with some of the face's own colour in it: plain grey-white reads green beside pink lips
  const ivory = [240, 228, 200];
  const enamel = (seen ?? ivory.map((c, k) => (0.68 * c + 0.2 * skin[k] + 0.12 * lip[k]) * light)).map((c) => Math.min(242, c)) as Rgb;
  const cavity = lip.map((c, k) => c * [0.34, 0.24, 0.24][k] + 4) as Rgb;
  const tongue = lip.map((c, k) => (0.55 * c + 0.45 * [196, 96, 98][k]) * Math.min(1, light * 1.05) * 0.85) as Rgb;
  const whites = eyeWhiteLuma(image, [subject.masks.leftEye, subject.masks.rightEye]);
  // whites far darker than the skin are not whites: eyes too small, squinting or shaded to show any (a footballer in a
  // group photo read 40 beside skin of 133, and toned his teeth black)
  const trusted = whites !== null && whites >= WHITES_TO_SKIN_AT_LEAST * skinLuma ? whites : null;
  const lit = Math.max(TEETH_TO_SKIN * skinLuma, trusted === null ? 0 : TEETH_TO_EYE_WHITES * trusted);
  const toned = seen ? enamel : toneTo(enamel, lit);
  const cheeks = [lm[50], lm[280]].map((p): Point2 => [p[0], p[1]]);
  return { skin, skinLuma, lip, enamel: toned, photoTeeth: seen !== null, cavity, tongue, grainSigma: grainSigmaAround(image, cheeks, 0.04 * heightPx), softnessPx: interiorSoftnessPx(image, (i) => [lm[i][0], lm[i][1]]) };
}

/** `colour` scaled (never up) so its luma is at most `luma`. */
function toneTo(colour: Rgb, luma: number): Rgb {
  const k = Math.min(1, luma / Math.max(1, lumaAt(colour)));
  return colour.map((c) => c * k) as Rgb;
}

/** The brightest 3 % of both eye openings (their lit whites), or null when the eyes are too small to tell. */
function eyeWhiteLuma(image: RgbaImage, eyes: Point2[][]): number | null {
  const lumas = eyes.flatMap((eye) => lumasInside(image, eye));
  if (lumas.length < 12) return null;
  lumas.sort((a, b) => a - b);
  return lumas[Math.floor(0.97 * (lumas.length - 1))];
}

/**
 * The photo's grain as a noise level: its fine grain (quality/mouth-look.ts grainOf, the measure the mouth is judged
 * by) over discs on the cheeks, turned into the standard deviation of independent pixel noise that reads the same
 * (0.716 σ).
 */
function grainSigmaAround(image: RgbaImage, centres: Point2[], radiusPx: number): number {
  const r = Math.max(2, Math.round(radiusPx));
  const xs = centres.map((p) => p[0]);
  const ys = centres.map((p) => p[1]);
  const box = { x0: Math.min(...xs) - r, y0: Math.min(...ys) - r, x1: Math.max(...xs) + r + 1, y1: Math.max(...ys) + r + 1 };
  const grain = grainOf(image, (x, y) => centres.some(([cx, cy]) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r), box);
  return Number.isFinite(grain) ? Math.min(12, grain / 0.716) : 0;
}
