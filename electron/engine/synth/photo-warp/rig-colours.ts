import type { FaceSubject, Point2 } from '../../face/face-types.js';
import { pointInPolygon } from '../../face/subject-masks.js';
import { lumaAt, type RgbaImage } from '../../media/rgba-image.js';

export type Rgb = [number, number, number];

/** Colours sampled from the photo once per subject, so the painted mouth interior matches its lighting. */
export interface RigColours {
  skin: Rgb;
  /** Mean luminance of the skin, 0..255. */
  skinLuma: number;
  lip: Rgb;
  enamel: Rgb;
  cavity: Rgb;
  tongue: Rgb;
}

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
  const enamel = (seen ?? [242, 234, 216].map((c, k) => (0.85 * c + 0.15 * skin[k]) * light)).map((c) => Math.min(242, c)) as Rgb;
  const cavity = lip.map((c, k) => c * [0.34, 0.24, 0.24][k] + 4) as Rgb;
  const tongue = lip.map((c, k) => (0.55 * c + 0.45 * [196, 96, 98][k]) * Math.min(1, light * 1.05) * 0.85) as Rgb;
  return { skin, skinLuma, lip, enamel, cavity, tongue };
}
