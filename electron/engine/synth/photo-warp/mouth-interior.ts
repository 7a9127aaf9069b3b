import type { SubjectFrameParams } from '../../animate/performance-types.js';
import type { RgbaImage } from '../../media/rgba-image.js';
import { clamp, smoothstep } from './face-frame.js';
import type { FaceRig } from './face-rig.js';
import { personalInteriorAt, type PersonalMouthFrame } from './personal-mouth.js';
import { rigidShiftAt } from './deform-mesh.js';
import { OPEN_PHOTO_GAP, photoMouthAt } from './photo-mouth.js';
import { blendPixel } from './pixel-blend.js';
import type { Rgb } from './rig-colours.js';
import { compositeInteriorLayer, createInteriorLayer, resetInteriorLayer, setInteriorPixel, type InteriorLayer } from './interior-layer.js';
import { tongueBodyAt, tongueGesture, tongueTipAt, type TongueGesture } from './tongue-shape.js';
import { createLens, fillLensCurve, LENS_BINS, lensLinesAt, measureLens, type Lens } from './lens-shape.js';

/** Tallest visible upper-teeth band, in face heights. */
const TEETH_MAX = 0.05;
/** Share of the tongue's floor dome that rounded lips hide (drawn back); darkening of the tongue at the lower lip. */
const TONGUE_BACK_ROUNDED = 0.8;
const LIP_SHADOW = 0.55;
/** The lower lip's shadow reaches this share of the opening up the tongue. */
const LIP_SHADOW_SHARE = 0.15;
/** Tooth boundaries along the arch, as fractions of the quarter turn from the midline (incisors are widest). */
const TOOTH_EDGES = [0, 0.25, 0.44, 0.6, 0.74, 0.86, 0.96];

interface MouthScratch {
  lens: Lens;
  lines: Float64Array;
  slopes: Float64Array;
  edgesS: Float64Array;
  ss: Float64Array;
  ts: Float64Array;
  layer: InteriorLayer;
}
const scratchByRig = new WeakMap<FaceRig, MouthScratch>();

function scratchFor(rig: FaceRig): MouthScratch {
  let s = scratchByRig.get(rig);
  if (!s) {
    const edges = TOOTH_EDGES.map((f) => 0.95 * Math.sin((f * Math.PI) / 2));
    s = {
      lens: createLens(),
      lines: new Float64Array(2),
      slopes: new Float64Array(2),
      edgesS: Float64Array.from([...edges.map((e) => -e), ...edges]),
      ss: new Float64Array(32),
      ts: new Float64Array(32),
      layer: createInteriorLayer(),
    };
    scratchByRig.set(rig, s);
  }
  return s;
}

/** d(line)/d(along), dimensionless, of the upper and lower line at s; writes into `into[0..1]`. */
function lensSlopesAt(lens: Lens, s: number, into: Float64Array): void {
  const f = Math.min(LENS_BINS - 1.000001, Math.max(0, ((s + 1) / 2) * (LENS_BINS - 1)));
  const i = f | 0;
  const perBin = (2 / (LENS_BINS - 1)) * lens.halfWidth;
  into[0] = (lens.top[i + 1] - lens.top[i]) / perBin;
  into[1] = (lens.bottom[i + 1] - lens.bottom[i]) / perBin;
}

/**
 * Paints the inside of the mouth between the warped inner lip lines: dark cavity shaded with depth, upper teeth
 * (with gaps between them), lower teeth when the jaw is wide, and the tongue. Anti-aliased where it meets the lips.
 * A photo that shows its teeth keeps them, moved as teeth move (photo-mouth.ts), with the cavity painted round them
 * at full opacity: nothing of its old opening shows through stretched. Another open-mouthed photo's painted interior
 * fades in only as far as the lips part beyond its own opening. With `personal`, the interior is the person's own,
 * taken from a clip (personal-mouth.ts), not painted.
 */
export function drawMouthInterior(rig: FaceRig, params: SubjectFrameParams, out: RgbaImage, personal: PersonalMouthFrame | null = null): void {
  const { lens, lines, slopes, edgesS, ss, ts, layer } = scratchFor(rig);
  const { dest } = rig.scratch;
  measureLens(lens, dest, rig.mouth.upper.indices, rig.mouth.lower.indices);
  fillLensCurve(lens, dest, rig.mouth.upper.indices, lens.top, ss, ts);
  fillLensCurve(lens, dest, rig.mouth.lower.indices, lens.bottom, ss, ts);
  lensLinesAt(lens, 0, lines);
  const gapMid = lines[1] - lines[0];
  if (gapMid < 0.3) return;
  const H = rig.frame.heightPx;
  const photoMouth = personal ? null : rig.photoMouth;
  const photoGap = rig.mouth.gapPx;
  // the photo's teeth kept where it shows them (lips pressed or rounded closer than the photo squeeze its opening, as
  // the warp draws it); else the painted interior fades in as far as the lips part beyond the photo's own opening
  const opacity = photoMouth
    ? smoothstep(0.8, 0.95, gapMid / photoGap)
    : photoGap < OPEN_PHOTO_GAP * H
      ? 1
      : smoothstep(1.05, 1.6, gapMid / photoGap);
  if (opacity <= 0) return;
  if (photoMouth) {
    rigidShiftAt(rig, params, UPPER_TEETH_AT, false, upperShift);
    rigidShiftAt(rig, params, LOWER_TEETH_AT, true, lowerShift);
  }

  const { colours } = rig;
  const paintTeeth = !photoMouth;
  const teeth = clamp(params.teethShow, 0, 1);
  // pursed lips hide the teeth
  const pursed = 1 - 0.6 * clamp(params.lipRound, 0, 1);
  const upperTeethMax = TEETH_MAX * H * (0.55 + 0.45 * teeth) * pursed;
  const upperTeethShare = 0.55 + 0.3 * teeth;
  const lowerTeethH = Math.min(0.2 * gapMid, 0.022 * H) * smoothstep(0.06 * H, 0.11 * H, gapMid) * (0.6 + 0.4 * teeth) * pursed;
  const round = clamp(params.lipRound, 0, 1);
  // rounded lips cover the photo's teeth as they cover painted ones: the upper ones down to a band, the lower ones all
  const photoUpperBand = upperTeethMax + (1 - round) * 2 * gapMid;
  const photoLowerShows = 1 - round;
  const gesture = tongueGesture(params.tongueShow, gapMid, gestureScratch);
  // rounded lips ("oo") go with a tongue drawn back and high: it leaves the floor behind the lower lip dark
  gesture.floorPx *= 1 - TONGUE_BACK_ROUNDED * clamp(params.lipRound, 0, 1);
  const halfW = lens.halfWidth;
  const lineInk = 0.32 * Math.min(1, halfW / 25);
  const toothHalfPx = 0.09 * halfW;

  const x0 = Math.max(rig.region.x0, lens.minX);
  const x1 = Math.min(rig.region.x1 - 1, lens.maxX);
  const y0 = Math.max(rig.region.y0, lens.minY);
  const y1 = Math.min(rig.region.y1 - 1, lens.maxY);
  const data = out.data;
  resetInteriorLayer(layer, x0, y0, x1, y1);
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const rx = x - lens.originX;
      const ry = y - lens.originY;
      const s = (rx * lens.axisX + ry * lens.axisY) / halfW;
      if (s <= -1 || s >= 1) continue;
      const t = -rx * lens.axisY + ry * lens.axisX;
      lensLinesAt(lens, s, lines);
      const top = lines[0];
      const bottom = lines[1];
      // coverage from the distance across each line, not straight down: steep lines near the corners stay smooth
      lensSlopesAt(lens, s, slopes);
      const cover = clamp(Math.min((t - top) / Math.hypot(1, slopes[0]), (bottom - t) / Math.hypot(1, slopes[1])) + 0.5, 0, 1);
      if (cover <= 0) continue;
      const gap = Math.max(bottom - top, 1e-3);
      const depth = clamp((t - top) / gap, 0, 1);
      if (personal) {
        const rgb = personalInteriorAt(personal, s, depth, personalRgb);
        blendPixel(data, (y * out.width + x) * 4, rgb[0], rgb[1], rgb[2], cover * opacity);
        continue;
      }
      const s2 = s * s;

      // cavity: darkest under the upper teeth and towards the corners
      const cavityShade = (0.55 + 0.45 * depth) * (1 - 0.45 * s2);
      let r = colours.cavity[0] * cavityShade;
      let g = colours.cavity[1] * cavityShade;
      let b = colours.cavity[2] * cavityShade;

      // tongue: a dome on the floor of the mouth, its blade raised towards the upper teeth for t d n l
      tongueBodyAt(gesture, s, t, top, bottom, halfW, tongueAt);
      if (tongueAt[0] > 0) {
        // the lower lip's shadow on the tongue behind it: lit, it lay along the lip as a pale second edge
        tongueAt[1] *= 1 - LIP_SHADOW * (1 - smoothstep(0, Math.max(1.5, LIP_SHADOW_SHARE * gap), bottom - t));
        r += (colours.tongue[0] * tongueAt[1] - r) * tongueAt[0];
        g += (colours.tongue[1] * tongueAt[1] - g) * tongueAt[0];
        b += (colours.tongue[2] * tongueAt[1] - b) * tongueAt[0];
      }

      let photoCover = 0;
      if (photoMouth) {
        photoMouthAt(photoMouth, x, y, upperShift, lowerShift, photoAt);
        // the lower teeth first: the upper ones close in front of them
        const lowerA = photoAt[7] * photoLowerShows;
        const upperA = photoAt[3] * (1 - smoothstep(photoUpperBand - 1, photoUpperBand + 1, t - top));
        r += (photoAt[4] - r) * lowerA;
        g += (photoAt[5] - g) * lowerA;
        b += (photoAt[6] - b) * lowerA;
        r += (photoAt[0] - r) * upperA;
        g += (photoAt[1] - g) * upperA;
        b += (photoAt[2] - b) * upperA;
        photoCover = upperA + lowerA * (1 - upperA);
      }

      let nearest = Infinity;
      for (let e = 0; e < edgesS.length; e++) nearest = Math.min(nearest, Math.abs(s - edgesS[e]) * halfW);
      const gapLine = nearest < 0.9 ? 1 - lineInk * (1 - nearest / 0.9) : 1;
      // rounded tooth corners: the biting edge rises a little towards each gap
      const scallop = Math.max(0, 1 - nearest / toothHalfPx) ** 2;
      const sideShade = 1 - 0.6 * s2;
      // each crown is rounded: lit in its middle, turning away into the gaps
      const crown = 0.84 + 0.16 * Math.min(1, nearest / toothHalfPx);

      if (paintTeeth && lowerTeethH > 0 && Math.abs(s) < 0.7) {
        const edge = bottom - lowerTeethH * (1 - 0.5 * s2) * (1 - 0.25 * scallop);
        const a = clamp(t - edge + 0.5, 0, 1) * (1 - smoothstep(0.55, 0.7, Math.abs(s)));
        if (a > 0) {
          const shade = 0.72 * sideShade * gapLine * crown;
          r += (colours.enamel[0] * shade - r) * a;
          g += (colours.enamel[1] * shade - g) * a;
          b += (colours.enamel[2] * shade - b) * a;
        }
      }

      const upperH = Math.min(upperTeethMax * (1 - 0.35 * s2), gap * upperTeethShare);
      const edge = top + upperH * (1 - 0.2 * scallop);
      const a = paintTeeth ? clamp(edge - t + 0.5, 0, 1) * (1 - smoothstep(0.75, 0.95, Math.abs(s))) : 0;
      if (a > 0) {
        // the upper lip shades the teeth under it, and where they meet the gum the enamel takes its pink
        // (a sliver of teeth under pursed lips stays a clean line: shadow and gum would break it up)
        const modelled = smoothstep(2, 6, upperH);
        const fromLip = 1 - modelled * (1 - smoothstep(0, 0.35 * upperH + 0.5, t - top));
        const gum = 0.35 * modelled * (1 - smoothstep(0, 0.12 * upperH + 0.5, t - top));
        const incisal = 1 - 0.18 * smoothstep(0.7, 1, (t - top) / Math.max(upperH, 1));
        const shade = sideShade * gapLine * (0.58 + 0.42 * fromLip) * incisal * crown;
        r += ((colours.enamel[0] + (colours.lip[0] - colours.enamel[0]) * gum) * shade - r) * a;
        g += ((colours.enamel[1] + (colours.lip[1] - colours.enamel[1]) * gum) * shade - g) * a;
        b += ((colours.enamel[2] + (colours.lip[2] - colours.enamel[2]) * gum) * shade - b) * a;
      }
      // th: the tip between the teeth, in front of the lower teeth and the upper teeth's biting edge
      tipLines[0] = top;
      tipLines[1] = edge;
      tipLines[2] = bottom;
      tongueTipAt(gesture, s, t, tipLines, halfW, tongueAt);
      if (tongueAt[0] > 0) {
        r += (colours.tongue[0] * tongueAt[1] - r) * tongueAt[0];
        g += (colours.tongue[1] * tongueAt[1] - g) * tongueAt[0];
        b += (colours.tongue[2] * tongueAt[1] - b) * tongueAt[0];
      }

      setInteriorPixel(layer, x, y, r, g, b, cover * opacity, photoCover);
    }
  }
  compositeInteriorLayer(layer, { blurPx: colours.softnessPx, grainSigma: colours.grainSigma, skinLuma: colours.skinLuma }, out);
}

const personalRgb: Rgb = [0, 0, 0];
/** The photo's upper teeth move with the skull, anchored at the upper inner lip's middle; the lower ones with the jaw. */
const UPPER_TEETH_AT = 13;
const LOWER_TEETH_AT = 14;
const upperShift = new Float64Array(2);
const lowerShift = new Float64Array(2);
const photoAt = new Float64Array(8);
const gestureScratch: TongueGesture = { floorPx: 0, raise: 0, between: 0 };
const tongueAt = new Float64Array(2);
const tipLines = new Float64Array(3);
