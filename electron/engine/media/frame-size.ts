import { InputError } from '../errors.js';

/** Pictures beyond these are refused before decoding: ffmpeg would need gigabytes to hold them. */
export const MAX_IMAGE_SIDE_PX = 20_000;
export const MAX_IMAGE_MEGAPIXELS = 200;

/** Size that fits within `maxSide` keeping the aspect ratio; never enlarges; at least 1×1. */
export function fitWithinMaxSide(input: { width: number; height: number; maxSide?: number }): { width: number; height: number } {
  const { width, height, maxSide } = input;
  if (maxSide === undefined || (width <= maxSide && height <= maxSide)) return { width, height };
  const k = maxSide / Math.max(width, height);
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/** Throws InputError IMAGE_TOO_LARGE for absurd sizes. */
export function assertReasonableImageSize(input: { filePath: string; width: number; height: number }): void {
  const { filePath, width, height } = input;
  const megapixels = (width * height) / 1e6;
  if (width > MAX_IMAGE_SIDE_PX || height > MAX_IMAGE_SIDE_PX || megapixels > MAX_IMAGE_MEGAPIXELS) {
    throw new InputError(
      'IMAGE_TOO_LARGE',
      `${filePath}: ${width}×${height} (${megapixels.toFixed(0)} MP) is too large; the limit is ${MAX_IMAGE_SIDE_PX} px a side and ${MAX_IMAGE_MEGAPIXELS} MP. Resize it first.`,
      filePath,
    );
  }
}

/** Bytes of one RGBA frame. */
export function rgbaFrameBytes(input: { width: number; height: number }): number {
  return input.width * input.height * 4;
}
