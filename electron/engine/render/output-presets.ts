import { InputError } from '../errors.js';

/** Output sizes a render can target: the built-in presets and the user's own. */
export const OUTPUT_PRESET_NAMES = ['reel', 'square', 'landscape', 'source'] as const;
export type OutputPresetName = (typeof OUTPUT_PRESET_NAMES)[number];

export interface OutputPreset {
  name: OutputPresetName;
  /** Fixed output size; `source` has none (it follows the picture). */
  size?: { width: number; height: number };
  /** Face height (chin to brow, landmark box) as a share of the frame height the framing aims for. */
  faceHeightShare: number;
  /** Where the eyes sit, as a share of the frame height from the top. */
  eyeLine: number;
}

export const OUTPUT_PRESETS: Readonly<Record<OutputPresetName, OutputPreset>> = {
  reel: { name: 'reel', size: { width: 1080, height: 1920 }, faceHeightShare: 0.22, eyeLine: 0.36 },
  square: { name: 'square', size: { width: 1080, height: 1080 }, faceHeightShare: 0.3, eyeLine: 0.42 },
  landscape: { name: 'landscape', size: { width: 1920, height: 1080 }, faceHeightShare: 0.34, eyeLine: 0.42 },
  source: { name: 'source', faceHeightShare: 0, eyeLine: 0.4 },
};

/** `source` keeps the picture's size, but within what players and H.264 levels handle well. */
export const SOURCE_PRESET_MAX_SIDE_PX = 3840;
export const SOURCE_PRESET_MIN_SIDE_PX = 360;

export function parseOutputPreset(value: string): OutputPreset {
  const preset = (OUTPUT_PRESETS as Record<string, OutputPreset | undefined>)[value];
  if (!preset || !Object.hasOwn(OUTPUT_PRESETS, value)) {
    throw new InputError('BAD_ARGUMENT', `unknown preset "${value}"; use one of ${OUTPUT_PRESET_NAMES.join(', ')}.`);
  }
  return preset;
}

/**
 * Output size of the `source` preset: the picture's own size, rounded down to even numbers (H.264 4:2:0),
 * scaled down to SOURCE_PRESET_MAX_SIDE_PX or up to SOURCE_PRESET_MIN_SIDE_PX on the short side, aspect kept.
 * A clip (`footage`) is never scaled up: a dub keeps the clip's own size, however small.
 */
export function sourcePresetSize(sourceWidth: number, sourceHeight: number, options: { footage?: boolean } = {}): { width: number; height: number } {
  let k = 1;
  if (Math.max(sourceWidth, sourceHeight) > SOURCE_PRESET_MAX_SIDE_PX) k = SOURCE_PRESET_MAX_SIDE_PX / Math.max(sourceWidth, sourceHeight);
  else if (!options.footage && Math.min(sourceWidth, sourceHeight) < SOURCE_PRESET_MIN_SIDE_PX) k = SOURCE_PRESET_MIN_SIDE_PX / Math.min(sourceWidth, sourceHeight);
  const even = (v: number) => Math.max(2, 2 * Math.floor((v * k) / 2));
  return { width: even(sourceWidth), height: even(sourceHeight) };
}
