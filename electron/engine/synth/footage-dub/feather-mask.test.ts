import { describe, expect, it } from 'vitest';
import { drawFeatherMask } from './feather-mask.js';

/** Every pixel tested and measured against every edge: the definition the fast mask must match. */
function bruteForce(outline: [number, number][], featherPx: number, width: number, height: number): Float32Array {
  const alpha = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [px, py] = [x + 0.5, y + 0.5];
      let inside = false;
      let best = Infinity;
      for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
        const [xi, yi] = outline[i];
        const [xj, yj] = outline[j];
        if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
        const [dx, dy] = [xi - xj, yi - yj];
        const t = Math.max(0, Math.min(1, ((px - xj) * dx + (py - yj) * dy) / Math.max(1e-9, dx * dx + dy * dy)));
        best = Math.min(best, Math.hypot(px - xj - t * dx, py - yj - t * dy));
      }
      const t = inside ? Math.min(1, best / featherPx) : 0;
      alpha[y * width + x] = t * t * (3 - 2 * t);
    }
  }
  return alpha;
}

describe('the feathered lower-face mask', () => {
  it('matches testing every pixel against every edge, on a jaw-like outline with a concave notch', () => {
    const outline: [number, number][] = [[90, 10], [95, 40], [80, 70], [50, 85], [45, 50], [40, 84], [15, 65], [5, 35], [12, 8]];
    const [width, height] = [100, 90];
    const fast = new Float32Array(width * height);
    drawFeatherMask({ outline, featherPx: 9, alpha: fast, width, height });
    const slow = bruteForce(outline, 9, width, height);
    let worst = 0;
    for (let i = 0; i < fast.length; i++) worst = Math.max(worst, Math.abs(fast[i] - slow[i]));
    expect(worst).toBeLessThan(1e-5);
    expect(fast.filter((a) => a === 1).length).toBeGreaterThan(1000);
    expect(fast.filter((a) => a > 0 && a < 1).length).toBeGreaterThan(500);
  });
});
