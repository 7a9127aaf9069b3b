/**
 * Which banked mouth each output frame shows: the entry whose shape is nearest the wanted articulation, with a cost
 * for jumping between entries (in the spirit of Video Rewrite: consecutive clip frames run on naturally, and a change
 * of texture every frame would shimmer). Greedy, one pass, linear in frames × entries.
 */
import type { MouthParams } from '../../animate/performance-types.js';
import type { MouthBankEntry, MouthBankStats } from './mouth-bank.js';

export interface TargetShape {
  opening: number;
  width: number;
  /** 0..1 wanted teeth showing. */
  teeth: number;
}

/** jawOpen of the speech stage that counts as a wide-open mouth (its 95th percentile on real speech is ~0.57). */
export const JAW_OPEN_FULL = 0.6;
/** Below this share of the way from closed to wide, the wanted mouth is at rest. */
const REST_OPEN_SHARE = 0.15;

/**
 * The mouth shape wanted for one frame's articulation, in the bank's own range: closed at rest (and at b/p/m, where
 * lipPress shuts it), as wide as the person opens at jawOpen JAW_OPEN_FULL, a little past it above.
 */
export function targetShapeOf(mouth: Pick<MouthParams, 'jawOpen' | 'lipPress' | 'lipRound' | 'lipSpread' | 'teethShow'>, stats: MouthBankStats): TargetShape {
  const open = Math.min(1.2, Math.max(0, mouth.jawOpen / JAW_OPEN_FULL)) * (1 - Math.min(1, mouth.lipPress));
  return {
    opening: stats.restOpening + open * (stats.wideOpening - stats.restOpening),
    width: stats.restWidth * (1 + 0.12 * mouth.lipSpread - 0.2 * mouth.lipRound),
    // a mouth at rest shows no teeth: the clip's least open frames may (lips parted a little), and would look slack
    teeth: open < REST_OPEN_SHARE ? 0 : mouth.teethShow,
  };
}

const OPENING_SCALE = 0.025;
const WIDTH_SCALE = 0.05;
const YAW_SCALE_RAD = 0.12;
const TEETH_WEIGHT = 1;
/** Cost of showing a different clip frame than the one after the last shown. */
const SWITCH_COST = 0.35;
/** Cost of holding the same clip frame (a held mouth looks frozen; the next clip frame runs on naturally). */
const HOLD_COST = 0.1;
/** Cost of the opening changing between consecutive output frames (keeps the texture from flickering between near ties). */
const JUMP_WEIGHT = 0.1;
/**
 * Cost of a mouth banked in another shot than the frame it is drawn onto: another shot's light, colour and skin do not
 * match (a lower face from a dim set pasted into a bright one shows as a grey patch), so it is a last resort.
 */
const OTHER_SHOT_COST = 100;

export interface MouthChoice {
  entry: number;
  /** How far the chosen opening is from the wanted one (eye-distance units; positive = wanted is wider). */
  openingShortfall: number;
}

/**
 * One bank entry per output frame. `yawRad[t]` is the head yaw of the frame it is drawn onto; `shotOf`, when given,
 * the shot (between cuts) of a clip frame, and `frameShots[t]` that of the frame output frame t is drawn onto.
 */
export function chooseMouths(entries: readonly MouthBankEntry[], targets: TargetShape[], yawRad: number[], shots?: { shotOf: (clipFrame: number) => number; frameShots: number[] }): MouthChoice[] {
  const entryShots = shots ? entries.map((e) => shots.shotOf(e.frameIndex)) : undefined;
  const choices: MouthChoice[] = [];
  let previous = -1;
  for (let t = 0; t < targets.length; t++) {
    const target = targets[t];
    let best = 0;
    let bestCost = Infinity;
    for (let e = 0; e < entries.length; e++) {
      const { shape, yawRad: entryYaw, frameIndex } = entries[e];
      let cost = ((shape.opening - target.opening) / OPENING_SCALE) ** 2 + ((shape.width - target.width) / WIDTH_SCALE) ** 2 + ((entryYaw - yawRad[t]) / YAW_SCALE_RAD) ** 2;
      cost += TEETH_WEIGHT * Math.abs(shape.teeth - target.teeth);
      if (entryShots && shots && entryShots[e] !== shots.frameShots[t]) cost += OTHER_SHOT_COST;
      if (previous >= 0) {
        const last = entries[previous];
        if (e === previous) cost += HOLD_COST;
        else if (frameIndex !== last.frameIndex + 1) cost += SWITCH_COST;
        cost += JUMP_WEIGHT * ((shape.opening - last.shape.opening) / OPENING_SCALE) ** 2;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = e;
      }
    }
    choices.push({ entry: best, openingShortfall: target.opening - entries[best].shape.opening });
    previous = best;
  }
  return choices;
}
