/**
 * How a video's YUV samples become RGB. ffmpeg's converter assumes BT.601 whenever a file does not say, but players
 * show an untagged HD clip with BT.709, the matrix exports are written in. Decoding such a clip with BT.601 and
 * encoding it again with BT.709 shifted every pixel of a footage dub, far from the face too (mean luma down 2.9 levels
 * and U up 1.5 on the Obama clip). So the decode uses the matrix the file states, and for a file that states none, the
 * one players assume from its size.
 */
import type { MediaInfo } from './media-info.js';

export type YuvMatrix = 'bt601' | 'bt709' | 'bt2020' | 'smpte240m' | 'fcc';

export interface SourceColour {
  matrix: YuvMatrix;
  range: 'tv' | 'pc';
}

/** ffprobe's `color_space` names → swscale's matrix names. */
const MATRIX_OF: Record<string, YuvMatrix> = {
  bt709: 'bt709',
  smpte170m: 'bt601',
  bt470bg: 'bt601',
  bt2020nc: 'bt2020',
  bt2020c: 'bt2020',
  smpte240m: 'smpte240m',
  fcc: 'fcc',
};

/** Stored pictures at least this tall (or wide, for a portrait phone clip stored turned) are HD: BT.709 when unstated. */
const HD_MIN_LINES = 720;

/**
 * The conversion a video's frames need, or undefined where ffmpeg's own is right: pictures that are not limited-range
 * YUV (RGB, grey, palette) and full-range JPEG-style YUV (`yuvj…`, BT.601 by definition), and still images.
 */
export function sourceColourOf(info: Pick<MediaInfo, 'kind' | 'video'>): SourceColour | undefined {
  const video = info.video;
  if (info.kind !== 'video' || !video?.pixFmt?.startsWith('yuv') || video.pixFmt.startsWith('yuvj')) return undefined;
  const stated = video.colourSpace ? MATRIX_OF[video.colourSpace] : undefined;
  const matrix = stated ?? (Math.min(video.width, video.height) >= HD_MIN_LINES || Math.max(video.width, video.height) >= 1280 ? 'bt709' : 'bt601');
  return { matrix, range: video.colourRange === 'pc' ? 'pc' : 'tv' };
}
