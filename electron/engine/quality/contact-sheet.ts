/**
 * A contact sheet: evenly spaced frames of a video in one grid picture, each labelled with its frame number,
 * so a person can see at a glance what a render did.
 */
import { createRgbaImage, probeMedia, readVideoFrames, writePng, type FfmpegTools, type RgbaImage } from '../media/index.js';
import { drawNumberLabel } from '../media/raster-draw.js';
import { InputError } from '../errors.js';

export interface ContactSheetOptions {
  count?: number;
  columns?: number;
  /** Longest side of each tile. */
  tilePx?: number;
  signal?: AbortSignal;
}

const GAP_PX = 4;

/** Indices of `count` frames spread evenly from the first frame to the last. */
export function evenlySpacedFrames(frameCount: number, count: number): number[] {
  if (frameCount <= count) return Array.from({ length: frameCount }, (_, i) => i);
  return Array.from({ length: count }, (_, i) => Math.round((i * (frameCount - 1)) / (count - 1)));
}

/** Builds the sheet in memory. */
export async function buildContactSheet(tools: FfmpegTools, videoPath: string, options: ContactSheetOptions = {}): Promise<RgbaImage> {
  const count = options.count ?? 12;
  const columns = options.columns ?? 4;
  const info = await probeMedia(tools, videoPath, { signal: options.signal });
  if (!info.hasVideo) throw new InputError('BAD_ARGUMENT', `${videoPath}: has no picture to make a contact sheet of.`, videoPath);
  const wanted = evenlySpacedFrames(Math.max(1, info.frameCount ?? count), count);
  const tiles: { index: number; image: RgbaImage }[] = [];
  let last: { index: number; image: RgbaImage } | null = null;
  for await (const frame of readVideoFrames(tools, videoPath, { maxSide: options.tilePx ?? 240, signal: options.signal })) {
    last = { index: frame.index, image: frame };
    if (wanted.includes(frame.index)) tiles.push(last);
  }
  // The container's frame count can be a little off: the last frame read stands in for ones past the end.
  if (last && tiles.length < wanted.length && tiles[tiles.length - 1]?.index !== last.index) tiles.push(last);
  if (tiles.length === 0) throw new InputError('UNREADABLE_MEDIA', `${videoPath}: no frames could be read.`, videoPath);
  return composeGrid(tiles, columns);
}

/** Writes the sheet as PNG. */
export async function writeContactSheet(tools: FfmpegTools, videoPath: string, outPath: string, options: ContactSheetOptions = {}): Promise<void> {
  await writePng(tools, await buildContactSheet(tools, videoPath, options), outPath, { signal: options.signal });
}

function composeGrid(tiles: { index: number; image: RgbaImage }[], columns: number): RgbaImage {
  const tileW = tiles[0].image.width;
  const tileH = tiles[0].image.height;
  const cols = Math.min(columns, tiles.length);
  const rows = Math.ceil(tiles.length / cols);
  const sheet = createRgbaImage(cols * tileW + (cols + 1) * GAP_PX, rows * tileH + (rows + 1) * GAP_PX);
  for (let i = 3; i < sheet.data.length; i += 4) sheet.data[i] = 255;
  const labelCell = Math.max(2, Math.round(tileW / 80));
  tiles.forEach(({ index, image }, k) => {
    const ox = GAP_PX + (k % cols) * (tileW + GAP_PX);
    const oy = GAP_PX + Math.floor(k / cols) * (tileH + GAP_PX);
    for (let y = 0; y < Math.min(tileH, image.height); y++) {
      const from = y * image.width * 4;
      sheet.data.set(image.data.subarray(from, from + Math.min(tileW, image.width) * 4), ((oy + y) * sheet.width + ox) * 4);
    }
    drawNumberLabel(sheet, index, ox + labelCell, oy + labelCell, labelCell, [255, 255, 255]);
  });
  return sheet;
}
