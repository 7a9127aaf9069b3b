/**
 * Where the tongue is, from the one `tongueShow` channel the articulation drives: low on the floor of the mouth for
 * vowels (about 0–0.15), its tip raised behind the upper teeth for t d n l (the DD viseme, 0.35), its tip between the
 * teeth for th (TH, 0.9). Coarticulation passes between them through the values in between, as the tongue does.
 * Shapes are in the mouth's lens coordinates: s across (-1..1), t down from the axis in pixels.
 */
import { clamp, smoothstep } from './face-frame.js';

export interface TongueGesture {
  /** Height of the low dome at the midline, pixels. */
  floorPx: number;
  /** 0..1: how far the blade rises towards the upper teeth (1 = touching behind them). */
  raise: number;
  /** 0..1: how far the tip comes forward between the teeth. */
  between: number;
}

/** Half-widths (in s) of the raised blade and of the tip between the teeth. */
const BLADE_HALF = 0.36;
const TIP_HALF = 0.5;
/** Share of the upper teeth's height (from their biting edge) that the tip between them covers. */
const TIP_OVER_TEETH = 0.4;

export function tongueGesture(tongueShow: number, gapMidPx: number, into: TongueGesture): TongueGesture {
  const v = clamp(tongueShow, 0, 1);
  into.between = smoothstep(0.55, 0.85, v);
  into.raise = smoothstep(0.12, 0.3, v) * (1 - into.between);
  // lifting the tip draws the body up off the floor at the sides: the blade stands alone between dark corners
  into.floorPx = gapMidPx * (0.3 + 0.15 * v) * (1 - 0.5 * into.raise);
  return into;
}

/**
 * The tongue's body (floor dome and raised blade) at (s, t) between the lines `top` and `bottom`: writes its coverage
 * and shade into `into[0..1]`. The raised blade shows its underside: darker, shadowed at its sides and under the teeth.
 */
export function tongueBodyAt(g: TongueGesture, s: number, t: number, top: number, bottom: number, halfWidthPx: number, into: Float64Array): void {
  const dome = g.floorPx * Math.max(0, 1 - (s / 0.72) ** 2);
  const across = 1 - (s / BLADE_HALF) ** 2;
  const bladeTop = g.raise * (bottom - top);
  const blade = across > 0 ? bladeTop * across : 0;
  const height = Math.max(dome, blade);
  if (height <= 0) {
    into[0] = 0;
    return;
  }
  const surface = bottom - height;
  // coverage from the distance across the outline, not straight down: the blade's sides are steep
  const slope = (blade > dome ? (bladeTop * 2 * s) / BLADE_HALF ** 2 : (g.floorPx * 2 * s) / 0.72 ** 2) / halfWidthPx;
  into[0] = clamp((t - surface) / Math.hypot(1, slope) + 0.5, 0, 1);
  // the dome: lit on top, falling off to the sides and towards the floor
  const domeShade = (0.7 + 0.3 * (1 - Math.abs(s) / 0.72)) * (1 - 0.3 * clamp((t - surface) / Math.max(dome, 1), 0, 1));
  if (blade <= dome) {
    into[1] = domeShade;
    return;
  }
  // the blade: a rounded column, darkest at its sides and up under the teeth where the upper lip's shadow falls
  const up = 1 - clamp((t - top) / Math.max(bottom - top, 1), 0, 1);
  const bladeShade = (0.55 + 0.35 * Math.sqrt(across)) * (1 - 0.25 * up * up);
  const share = smoothstep(0, 2, blade - dome);
  into[1] = domeShade + (bladeShade - domeShade) * share;
}

/**
 * The tip between the teeth (th) at (s, t): over the lower part of the upper teeth down to the lower lip, in front of
 * the lower teeth; `lines` holds the upper lip line, the upper teeth's biting edge and the lower lip line at s. Writes coverage and shade into `into[0..1]`.
 */
export function tongueTipAt(g: TongueGesture, s: number, t: number, lines: Float64Array, halfWidthPx: number, into: Float64Array): void {
  const top = lines[0];
  const edge = lines[1];
  const bottom = lines[2];
  const across = 1 - (s / TIP_HALF) ** 2;
  if (g.between <= 0 || across <= 0) {
    into[0] = 0;
    return;
  }
  // a rounded tip over the lower part of the upper teeth, highest at the midline, sliding up as it comes forward
  const reach = edge - TIP_OVER_TEETH * Math.max(0, edge - top);
  const tipHeight = (bottom - reach) * g.between;
  const tipTop = bottom - tipHeight * across;
  const slope = (tipHeight * 2 * s) / TIP_HALF ** 2 / halfWidthPx;
  into[0] = clamp((t - tipTop) / Math.hypot(1, slope) + 0.5, 0, 1);
  // lit as the nearest part of the mouth, its rim a little darker where it turns away
  const below = t - tipTop;
  into[1] = (0.82 + 0.18 * Math.sqrt(across)) * (below < 1.5 ? 0.8 + 0.2 * (below / 1.5) : 1);
}
