import { describe, expect, it } from 'vitest';
import { createRgbaImage, type RgbaImage } from './rgba-image.js';
import { edgeSharpnessOf } from './edge-sharpness.js';

function paint(width: number, height: number, luma: (x: number, y: number) => number): RgbaImage {
  const image = createRgbaImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = Math.max(0, Math.min(255, Math.round(luma(x, y))));
      image.data.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return image;
}

const all = () => true;
/** Vertical bars `period` pixels apart, edges softened over `softPx` pixels. */
const bars = (period: number, softPx: number) => (x: number) => 60 + 120 / (1 + Math.exp(-Math.sin((2 * Math.PI * x) / period) * (period / (2 * Math.PI * Math.max(softPx, 0.05)))));

describe('edgeSharpnessOf', () => {
  it('reads a blurred edge softer than a crisp one, whatever the contrast', () => {
    const crisp = edgeSharpnessOf(paint(120, 40, bars(40, 0.1)), all);
    const soft = edgeSharpnessOf(paint(120, 40, bars(40, 2.5)), all);
    const faint = edgeSharpnessOf(paint(120, 40, (x) => 100 + (bars(40, 0.1)(x) - 120) / 6), all);
    expect(soft).toBeLessThan(0.7 * crisp);
    expect(Math.abs(faint - crisp)).toBeLessThan(0.1 * crisp);
  });

  it('reads heavy grain as some fine detail', () => {
    const noise = (x: number, y: number) => (((x * 7919 + y * 104729) % 97) / 97 - 0.5) * 24;
    const clean = edgeSharpnessOf(paint(60, 30, bars(16, 1)), all);
    const grainy = edgeSharpnessOf(paint(60, 30, (x, y) => bars(16, 1)(x) + noise(x, y)), all);
    expect(grainy).toBeGreaterThan(clean);
  });
});
