/** A decoded picture in memory: 8-bit RGBA, rows top to bottom, no padding. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** BT.601 luma (0..255) of the colour whose red, green and blue are `data[i]`, `data[i + 1]`, `data[i + 2]`. */
export function lumaAt(data: ArrayLike<number>, i = 0): number {
  return 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
}

export function createRgbaImage(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8Array(width * height * 4) };
}
