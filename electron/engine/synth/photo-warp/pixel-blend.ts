/**
 * Blends colour (r, g, b) over the pixel at byte offset `o` of `data` by `alpha` (0..1), rounding to the nearest level.
 * The colour is clamped to 0..255 first: `data` is a Uint8Array, where a value past 255 would wrap round to a dark one.
 */
export function blendPixel(data: Uint8Array, o: number, r: number, g: number, b: number, alpha: number): void {
  data[o] = data[o] + (clamp255(r) - data[o]) * alpha + 0.5;
  data[o + 1] = data[o + 1] + (clamp255(g) - data[o + 1]) * alpha + 0.5;
  data[o + 2] = data[o + 2] + (clamp255(b) - data[o + 2]) * alpha + 0.5;
}

const clamp255 = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);
