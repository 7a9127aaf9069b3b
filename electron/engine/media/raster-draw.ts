import type { RgbaImage } from './rgba-image.js';

export type Rgb = [number, number, number];

/** Blends one pixel towards `color` by `alpha` (0..1); coordinates outside the picture are ignored. */
export function blendPixel(image: RgbaImage, x: number, y: number, color: Rgb, alpha = 1): void {
  const xi = Math.round(x);
  const yi = Math.round(y);
  if (xi < 0 || yi < 0 || xi >= image.width || yi >= image.height) return;
  const i = (yi * image.width + xi) * 4;
  for (let c = 0; c < 3; c++) image.data[i + c] = Math.round(image.data[i + c] * (1 - alpha) + color[c] * alpha);
}

export function fillDisc(image: RgbaImage, cx: number, cy: number, radius: number, color: Rgb, alpha = 1): void {
  const r = Math.max(0.5, radius);
  for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++)
    for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) blendPixel(image, x, y, color, alpha);
}

/** A line of the given thickness, drawn as overlapping discs (simple and good enough for annotations). */
export function drawLine(image: RgbaImage, from: [number, number], to: [number, number], color: Rgb, thickness = 1, alpha = 1): void {
  const steps = Math.max(1, Math.ceil(Math.hypot(to[0] - from[0], to[1] - from[1])));
  for (let s = 0; s <= steps; s++) {
    const t = s / steps;
    fillDisc(image, from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t, thickness / 2, color, alpha);
  }
}

export function drawPolygon(image: RgbaImage, points: [number, number][], color: Rgb, thickness = 1, alpha = 1): void {
  for (let i = 0; i < points.length; i++) drawLine(image, points[i], points[(i + 1) % points.length], color, thickness, alpha);
}

export function fillRect(image: RgbaImage, x: number, y: number, w: number, h: number, color: Rgb, alpha = 1): void {
  for (let yy = Math.floor(y); yy < Math.ceil(y + h); yy++) for (let xx = Math.floor(x); xx < Math.ceil(x + w); xx++) blendPixel(image, xx, yy, color, alpha);
}

/** 3×5 bitmap digits, one row per string, '#' = ink. Enough to label subjects without a font file. */
const DIGITS: Record<string, string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '###', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
};

/** Draws a non-negative integer label on a dark plate; `cellPx` is the size of one font pixel. */
export function drawNumberLabel(image: RgbaImage, value: number, x: number, y: number, cellPx: number, color: Rgb): void {
  const text = String(Math.max(0, Math.floor(value)));
  const pad = cellPx;
  fillRect(image, x, y, text.length * 4 * cellPx + pad, 5 * cellPx + 2 * pad, [0, 0, 0], 0.7);
  [...text].forEach((ch, k) => {
    DIGITS[ch].forEach((row, ry) =>
      [...row].forEach((ink, rx) => {
        if (ink === '#') fillRect(image, x + pad + (k * 4 + rx) * cellPx, y + pad + ry * cellPx, cellPx, cellPx, color);
      }),
    );
  });
}
