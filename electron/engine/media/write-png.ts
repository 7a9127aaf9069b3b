import { InputError } from '../errors.js';
import { runFfmpeg } from './ffmpeg-adapter.js';
import { buildPngFromRgbaArgs } from './ffmpeg-args.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { rgbaFrameBytes } from './frame-size.js';
import type { RgbaImage } from './rgba-image.js';
import { writeFileAtomic } from './atomic-file.js';

/** Writes an RGBA image as PNG (alpha kept). Atomic: `outPath` is either the whole picture or untouched. */
export async function writePng(tools: FfmpegTools, image: RgbaImage, outPath: string, options: { signal?: AbortSignal; overwrite?: boolean } = {}): Promise<void> {
  assertValidImage(image);
  const { stdout } = await runFfmpeg({
    tools,
    args: buildPngFromRgbaArgs(image),
    stdinData: image.data,
    collectStdout: true,
    signal: options.signal,
  });
  await writeFileAtomic(outPath, stdout, { overwrite: options.overwrite });
}

export function assertValidImage(image: RgbaImage, what = 'image'): void {
  if (!Number.isInteger(image.width) || !Number.isInteger(image.height) || image.width <= 0 || image.height <= 0) {
    throw new InputError('BAD_ARGUMENT', `${what} has an invalid size ${image.width}×${image.height}.`);
  }
  if (image.data.length !== rgbaFrameBytes(image)) {
    throw new InputError('BAD_ARGUMENT', `${what} is ${image.width}×${image.height} but holds ${image.data.length} bytes, not ${rgbaFrameBytes(image)}.`);
  }
}
