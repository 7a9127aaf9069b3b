/** Helpers shared by the caption tests (not part of the engine's API): frames with captions burned in, pixel measures. */
import { runFfmpeg } from '../../media/ffmpeg-adapter.js';
import type { FfmpegTools } from '../../media/ffmpeg-tools.js';
import type { RgbaImage } from '../../media/rgba-image.js';
import { buildAssFilter } from '../ass-filter.js';
import { SAMPLE_FACE } from '../../../../tests/helpers/shared-media.js';

/** The background the captions are burned onto: the bundled sample portrait, so these tests run on any clone. */
export const PORTRAIT = SAMPLE_FACE;

/** ffmpeg arguments: `imagePath` filled into width×height, with the ASS file burned in as it shows at `atSec`, as raw RGBA on stdout. */
export function buildCaptionFrameArgs(input: { imagePath: string; width: number; height: number; atSec: number; assPath?: string; fontsDir?: string }): string[] {
  const filters = [
    `scale=${input.width}:${input.height}:force_original_aspect_ratio=increase`,
    `crop=${input.width}:${input.height}`,
    // The ass filter picks events by the frame's time: put the one frame at `atSec`.
    `setpts=PTS-STARTPTS+${input.atSec}/TB`,
  ];
  if (input.assPath && input.fontsDir) filters.push(buildAssFilter(input.assPath, input.fontsDir));
  return ['-hide_banner', '-nostdin', '-v', 'verbose', '-i', input.imagePath, '-vf', filters.join(','), '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'];
}

/** Renders one frame; `log` gets ffmpeg's (verbose) stderr, where libass reports the fonts it picked. */
export async function renderCaptionFrame(
  tools: FfmpegTools,
  input: Parameters<typeof buildCaptionFrameArgs>[0],
  log: string[] = [],
): Promise<RgbaImage> {
  const { stdout } = await runFfmpeg({ tools, args: buildCaptionFrameArgs(input), collectStdout: true, timeoutMs: 60_000, onStderrLine: (line) => log.push(line) });
  if (stdout.length !== input.width * input.height * 4) throw new Error(`expected ${input.width}×${input.height} RGBA, got ${stdout.length} bytes`);
  return { width: input.width, height: input.height, data: new Uint8Array(stdout) };
}

export interface ChangedPixels {
  count: number;
  box: { left: number; top: number; right: number; bottom: number } | null;
}

/** Pixels (from row `fromRow` down) whose colour differs by more than `threshold` (|ΔR|+|ΔG|+|ΔB|) between two frames, and their bounding box. */
export function diffPixels(a: RgbaImage, b: RgbaImage, threshold = 60, fromRow = 0): ChangedPixels {
  let count = 0;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (let y = fromRow; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * 4;
      const delta = Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]);
      if (delta <= threshold) continue;
      count += 1;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  return { count, box: count > 0 ? { left, top, right, bottom } : null };
}

/** Pixels within `tolerance` (per channel) of an RGB colour. */
export function countColor(image: RgbaImage, rgb: [number, number, number], tolerance = 40): number {
  let count = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    if (Math.abs(image.data[i] - rgb[0]) <= tolerance && Math.abs(image.data[i + 1] - rgb[1]) <= tolerance && Math.abs(image.data[i + 2] - rgb[2]) <= tolerance) count += 1;
  }
  return count;
}
