/**
 * The ffmpeg filter graph that turns rendered frames (the framing's view, possibly pre-scaled) into the
 * output picture when the photo does not fill it: the view scaled into place over a blurred, dimmed copy
 * of itself (the usual look of portrait clips in landscape feeds, and never a stretch).
 */
import type { Framing } from './framing.js';

/** Background blur works on a picture this many times smaller than the output: cheap, and smoother. */
const BACKGROUND_DOWNSCALE = 8;
const BACKGROUND_BLUR_RADIUS = 6;
/** Luma gain of the background (limited range, black stays at 16). */
const BACKGROUND_BRIGHTNESS = 0.7;

/**
 * Filter graph from frames of `frameSize` (already yuv420p, see encodeVideo's `videoFilter`) to
 * `framing.output`; undefined when the frames fill the output and encodeVideo's own scaling suffices.
 */
export function buildFramingFilter(framing: Framing, frameSize: { width: number; height: number }): string | undefined {
  const { output, placement } = framing;
  if (!framing.padded) return undefined;
  const bgWidth = even(output.width / BACKGROUND_DOWNSCALE);
  const bgHeight = even(output.height / BACKGROUND_DOWNSCALE);
  const cover = coverCrop(frameSize, output);
  const background = [
    `crop=${cover.width}:${cover.height}`,
    `scale=${bgWidth}:${bgHeight}:flags=area`,
    `boxblur=luma_radius=${blurRadius(bgWidth, bgHeight)}:luma_power=2:chroma_radius=${blurRadius(bgWidth / 2, bgHeight / 2)}:chroma_power=2`,
    `lutyuv=y=16+(val-16)*${BACKGROUND_BRIGHTNESS}`,
    `scale=${output.width}:${output.height}:flags=bilinear`,
  ].join(',');
  // Even offsets and sizes keep the 4:2:0 chroma of the photo aligned with its luma.
  const foreground = `scale=${even(placement.width)}:${even(placement.height)}:flags=bicubic`;
  return `split[mp_fg][mp_bg];[mp_bg]${background}[mp_back];[mp_fg]${foreground}[mp_front];[mp_back][mp_front]overlay=${evenFloor(placement.x)}:${evenFloor(placement.y)}:format=yuv420`;
}

/** The largest centred crop of `frame` with the aspect of `target`. */
function coverCrop(frame: { width: number; height: number }, target: { width: number; height: number }) {
  const aspect = target.width / target.height;
  if (frame.width / frame.height > aspect) return { width: Math.max(2, Math.round(frame.height * aspect)), height: frame.height };
  return { width: frame.width, height: Math.max(2, Math.round(frame.width / aspect)) };
}

function even(value: number): number {
  return Math.max(2, 2 * Math.round(value / 2));
}

/** boxblur refuses a radius beyond half the plane's smaller side (the chroma planes are half size). */
function blurRadius(width: number, height: number): number {
  return Math.max(0, Math.min(BACKGROUND_BLUR_RADIUS, Math.floor(Math.min(width, height) / 2) - 1));
}

function evenFloor(value: number): number {
  return 2 * Math.floor(value / 2);
}
