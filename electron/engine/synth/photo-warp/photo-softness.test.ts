import { describe, expect, it } from 'vitest';
import { createRgbaImage, type RgbaImage } from '../../media/rgba-image.js';
import { edgeBlurPx } from './photo-softness.js';

/** A slanted step edge (grey 70 → 190) blurred by a Gaussian of `sigma` pixels, with optional pixel noise. */
function edge(sigma: number, noise = 0): RgbaImage {
  const image = createRgbaImage(96, 40);
  for (let y = 0; y < 40; y++) {
    for (let x = 0; x < 96; x++) {
      const d = x - 48.3 + 0.2 * y;
      // logistic with the Gaussian's slope at its middle: close enough to the error function here
      const v = 70 + 120 / (1 + Math.exp((-1.6 * d) / sigma)) + noise * ((((x * 7919 + y * 104729) % 97) / 97) - 0.5);
      const c = Math.max(0, Math.min(255, Math.round(v)));
      image.data.set([c, c, c, 255], (y * 96 + x) * 4);
    }
  }
  return image;
}
const whole = { x0: 0, y0: 0, x1: 96, y1: 40 };

describe('edgeBlurPx', () => {
  it('reads how far an edge is blurred, not how strong it is', () => {
    const figures = [0.5, 1, 2, 3].map((sigma) => edgeBlurPx(edge(sigma), whole));
    for (let i = 1; i < figures.length; i++) expect(figures[i]).toBeGreaterThan(figures[i - 1]);
    expect(figures[1]).toBeGreaterThan(0.8);
    expect(figures[1]).toBeLessThan(1.5);
    expect(figures[2]).toBeGreaterThan(1.6);
    expect(figures[2]).toBeLessThan(2.5);
  });

  it('reads a soft edge as soft under grain', () => {
    expect(edgeBlurPx(edge(2, 12), whole)).toBeGreaterThan(1.4);
  });
});
