/**
 * The ffmpeg filter graph that turns rendered frames (the framing's view, possibly pre-scaled) into the
 * output picture: scale to the output, and when the photo does not fill it, a blurred, dimmed copy of the
 * picture behind it (the usual look of portrait clips in landscape feeds, and never a stretch).
 */
import type { Framing } from './framing.js';

/** Background blur works on a picture this many times smaller than the output: cheap, and smoother. */
const BACKGROUND_DOWNSCALE = 8;
const BACKGROUND_BLUR_RADIUS = 6;
const BACKGROUND_BRIGHTNESS = 0.7;

/**
 * Filter graph from frames of `frameSize` to `framing.output`, for `encodeVideo`'s `videoFilter`
 * (one unlabelled input, one unlabelled output); undefined when the frames already are the output.
 */
export function buildFramingFilter(framing: Framing, frameSize: { width: number; height: number }): string | undefined {
  const { output, placement } = framing;
  if (!framing.padded) {
    if (frameSize.width === output.width && frameSize.height === output.height) return undefined;
    return `scale=${output.width}:${output.height}:flags=bicubic`;
  }
  const bgWidth = even(output.width / BACKGROUND_DOWNSCALE);
  const bgHeight = even(output.height / BACKGROUND_DOWNSCALE);
  const cover = coverCrop(frameSize, output);
  const k = BACKGROUND_BRIGHTNESS;
  const background = [
    `crop=${cover.width}:${cover.height}`,
    `scale=${bgWidth}:${bgHeight}:flags=area`,
    `boxblur=${BACKGROUND_BLUR_RADIUS}:2`,
    `colorchannelmixer=rr=${k}:gg=${k}:bb=${k}`,
    `scale=${output.width}:${output.height}:flags=bilinear`,
  ].join(',');
  const foreground =
    frameSize.width === placement.width && frameSize.height === placement.height ? 'null' : `scale=${placement.width}:${placement.height}:flags=bicubic`;
  return `split[mp_fg][mp_bg];[mp_bg]${background}[mp_back];[mp_fg]${foreground}[mp_front];[mp_back][mp_front]overlay=${placement.x}:${placement.y}:format=rgb`;
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
