/**
 * Framing: which part of the photo a preset shows, and where it lands in the output. Pure geometry in
 * source pixels; ffmpeg does the actual crop, scale and padding (see framing-filter.ts).
 */
import { sourcePresetSize, type OutputPreset } from './output-presets.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A face to keep in frame: its landmark bounding box and the height of its eyes, in source pixels. */
export interface FramedFace {
  box: Rect;
  eyeY: number;
}

export interface Framing {
  output: { width: number; height: number };
  /** Rectangle of the output's aspect, in source pixels; may reach outside the photo, which is then padded. */
  crop: Rect;
  /** The photo's part inside `crop`, in whole source pixels: what gets rendered. */
  view: Rect;
  /** Output pixels per source pixel (same on both axes: nothing is stretched). */
  scale: number;
  /** Where `view` lands in the output, whole output pixels. */
  placement: Rect;
  /** True when `view` does not fill the output and a background shows around it. */
  padded: boolean;
}

/** Room wanted around a face, in multiples of its landmark box: hair above, shoulders below, ears aside. */
const HEAD_ROOM = { side: 0.6, top: 0.6, bottom: 0.45 };
/** Room a face must have even in a tight crop: forehead and hairline, a little beside the cheeks and below the chin. */
const TIGHT_ROOM = { side: 0.12, top: 0.3, bottom: 0.12 };
/** Upscaling beyond this looks soft; the framing zooms out (shows more of the photo) rather than go further. */
const MAX_COMFORTABLE_UPSCALE = 4;

/**
 * Chooses the crop for `preset` around `faces` (the speaking subjects). The crop always contains every face
 * with a little room, and the full head room when the photo allows; it centres the faces horizontally,
 * puts their eyes on the preset's eye line, and stays inside the photo whenever the photo is large enough
 * (a tighter shot beats a padded one); otherwise it reaches out and is padded. `cropHeight` fixes the crop's size.
 */
export function frameSubjects(input: { imageWidth: number; imageHeight: number; faces: FramedFace[]; preset: OutputPreset; cropHeight?: number; footage?: boolean }): Framing {
  const { imageWidth: W, imageHeight: H, faces, preset } = input;
  if (!preset.size) return frameWholePicture(W, H, input.footage === true);
  const output = preset.size;
  const aspect = output.width / output.height;
  const picture: Rect = { x: 0, y: 0, width: W, height: H };
  const faceBoxes = faces.length > 0 ? faces.map((f) => f.box) : [picture];
  const must = intersect(unionOf(faceBoxes.map((b) => grow(b, TIGHT_ROOM))), picture) ?? picture;
  const room = intersect(unionOf(faceBoxes.map((b) => grow(b, HEAD_ROOM))), picture) ?? picture;
  const facesBox = unionOf(faceBoxes);
  const faceHeight = Math.max(...faceBoxes.map((b) => b.height));
  const eyeY = faces.length > 0 ? faces.reduce((sum, f) => sum + f.eyeY, 0) / faces.length : H * 0.4;

  const neededHeight = Math.max(must.height, must.width / aspect);
  const fitHeight = Math.min(H, W / aspect);
  const wantedHeight = Math.max(faceHeight / preset.faceHeightShare, output.height / MAX_COMFORTABLE_UPSCALE, room.height, room.width / aspect);
  // When padding cannot be avoided anyway, take the full head room (up to the photo's height) rather than a cramped face.
  const roomHeight = Math.min(H, Math.max(room.height, room.width / aspect));
  const chosen = neededHeight > fitHeight ? Math.max(neededHeight, roomHeight) : Math.max(neededHeight, Math.min(wantedHeight, fitHeight));
  // A given height (the shots of a speaker-following plan share one size) overrides the choice.
  const height = Math.max(2, Math.round(input.cropHeight ?? chosen));
  const width = Math.max(2, Math.round(height * aspect));

  // Keep the full head room in the crop where it fits, the tight room always.
  const keep = (from: number, to: number, size: number, mustFrom: number, mustTo: number) => (to - from <= size ? [from, to] : [mustFrom, mustTo]);
  const [keepX0, keepX1] = keep(room.x, room.x + room.width, width, must.x, must.x + must.width);
  const [keepY0, keepY1] = keep(room.y, room.y + room.height, height, must.y, must.y + must.height);
  const x = placeOnAxis({ wanted: facesBox.x + facesBox.width / 2 - width / 2, size: width, pictureSize: W, keepFrom: keepX0, keepTo: keepX1 });
  const y = placeOnAxis({ wanted: eyeY - preset.eyeLine * height, size: height, pictureSize: H, keepFrom: keepY0, keepTo: keepY1 });
  return placeCrop({ crop: { x: Math.round(x), y: Math.round(y), width, height }, picture, output });
}

/** The `source` preset: the whole photo at (about) its own size, a clip at its own size. */
function frameWholePicture(W: number, H: number, footage: boolean): Framing {
  const output = sourcePresetSize(W, H, { footage });
  const whole = { x: 0, y: 0, width: W, height: H };
  return { output, crop: whole, view: whole, scale: output.width / W, placement: { x: 0, y: 0, ...output }, padded: false };
}

function placeCrop(input: { crop: Rect; picture: Rect; output: { width: number; height: number } }): Framing {
  const { crop, picture, output } = input;
  const view = intersect(crop, picture) ?? picture;
  const scale = output.height / crop.height;
  const padded = view.x !== crop.x || view.y !== crop.y || view.width !== crop.width || view.height !== crop.height;
  if (!padded) return { output, crop, view, scale, placement: { x: 0, y: 0, ...output }, padded };
  const px = Math.min(output.width - 2, Math.max(0, Math.round((view.x - crop.x) * scale)));
  const py = Math.min(output.height - 2, Math.max(0, Math.round((view.y - crop.y) * scale)));
  const placement = {
    x: px,
    y: py,
    width: Math.max(2, Math.min(output.width - px, Math.round(view.width * scale))),
    height: Math.max(2, Math.min(output.height - py, Math.round(view.height * scale))),
  };
  return { output, crop, view, scale, placement, padded };
}

/**
 * Start of a crop of `size` on one axis: as close to `wanted` as possible while keeping [keepFrom, keepTo]
 * inside it, and inside the picture too when both fit (a crop larger than the picture covers all of it).
 */
export function placeOnAxis(input: { wanted: number; size: number; pictureSize: number; keepFrom: number; keepTo: number }): number {
  const { wanted, size, pictureSize, keepFrom, keepTo } = input;
  const keepLo = keepTo - size;
  const keepHi = keepFrom;
  const pictureLo = Math.min(0, pictureSize - size);
  const pictureHi = Math.max(0, pictureSize - size);
  let lo = Math.max(keepLo, pictureLo);
  let hi = Math.min(keepHi, pictureHi);
  if (lo > hi) [lo, hi] = [keepLo, keepHi];
  return Math.min(hi, Math.max(lo, wanted));
}

/** A face box grown by multiples of its own size on each side. */
export function grow(face: Rect, room: { side: number; top: number; bottom: number }): Rect {
  const x = face.x - room.side * face.width;
  const y = face.y - room.top * face.height;
  return { x, y, width: face.width * (1 + 2 * room.side), height: face.height * (1 + room.top + room.bottom) };
}

export function unionOf(rects: Rect[]): Rect {
  const x0 = Math.min(...rects.map((r) => r.x));
  const y0 = Math.min(...rects.map((r) => r.y));
  const x1 = Math.max(...rects.map((r) => r.x + r.width));
  const y1 = Math.max(...rects.map((r) => r.y + r.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Intersection rounded outward to whole pixels, or null when empty. */
export function intersect(a: Rect, b: Rect): Rect | null {
  const x0 = Math.floor(Math.max(a.x, b.x));
  const y0 = Math.floor(Math.max(a.y, b.y));
  const x1 = Math.ceil(Math.min(a.x + a.width, b.x + b.width));
  const y1 = Math.ceil(Math.min(a.y + a.height, b.y + b.height));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}
