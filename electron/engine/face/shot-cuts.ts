/**
 * Shot cuts from a tiny luma thumbnail per frame: a cut changes most of the picture at once, a talking head changes
 * a small part of it. Pure functions, so the threshold is tested on made frames.
 */
import { lumaAt, type RgbaImage } from '../media/rgba-image.js';

export const THUMB_COLUMNS = 32;
export const THUMB_ROWS = 18;
/** Mean absolute luma change (0–255) over the thumbnail above which two frames belong to different shots. */
export const CUT_MEAN_DIFFERENCE = 28;

/** The picture's mean luma in a THUMB_COLUMNS × THUMB_ROWS grid (sampled, not averaged: cheap on 4K frames). */
export function lumaThumbnail(image: RgbaImage, into = new Float32Array(THUMB_COLUMNS * THUMB_ROWS)): Float32Array {
  for (let row = 0; row < THUMB_ROWS; row++) {
    for (let column = 0; column < THUMB_COLUMNS; column++) {
      let sum = 0;
      for (let sy = 0; sy < 3; sy++) {
        for (let sx = 0; sx < 3; sx++) {
          const x = Math.min(image.width - 1, Math.floor(((column + (sx + 0.5) / 3) * image.width) / THUMB_COLUMNS));
          const y = Math.min(image.height - 1, Math.floor(((row + (sy + 0.5) / 3) * image.height) / THUMB_ROWS));
          sum += lumaAt(image.data, (y * image.width + x) * 4);
        }
      }
      into[row * THUMB_COLUMNS + column] = sum / 9;
    }
  }
  return into;
}

/** Whether the picture cut between two thumbnails. */
export function isShotCut(previous: Float32Array, current: Float32Array): boolean {
  let total = 0;
  for (let i = 0; i < current.length; i++) total += Math.abs(current[i] - previous[i]);
  return total / current.length > CUT_MEAN_DIFFERENCE;
}
