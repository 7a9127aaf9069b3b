import { describe, expect, it } from 'vitest';
import { pixelWords, warpTriangle } from './triangle-warp.js';

function noiseImage(width: number, height: number) {
  const data = new Uint8Array(width * height * 4);
  let s = 12345;
  for (let i = 0; i < data.length; i++) data[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  return { width, height, data };
}

/** Two triangles covering the square [x0, x1]×[y0, y1], source positions with z, destination moved by (dx, dy). */
function square(x0: number, y0: number, x1: number, y1: number, dx: number, dy: number) {
  const source = Float64Array.from([x0, y0, 0, x1, y0, 0, x1, y1, 0, x0, y1, 0]);
  const dest = Float64Array.from([x0 + dx, y0 + dy, x1 + dx, y0 + dy, x1 + dx, y1 + dy, x0 + dx, y1 + dy]);
  return { source, dest };
}

describe('warpTriangle', () => {
  it('copies the picture exactly under the identity map and covers the square without gaps', () => {
    const src = noiseImage(64, 48);
    const out = { width: 64, height: 48, data: new Uint8Array(64 * 48 * 4) };
    const { source, dest } = square(5, 4, 50, 40, 0, 0);
    const clip = { x0: 0, y0: 0, x1: 64, y1: 48 };
    warpTriangle(pixelWords(src, true), pixelWords(out, false), clip, dest, source, 0, 1, 2);
    warpTriangle(pixelWords(src, true), pixelWords(out, false), clip, dest, source, 0, 2, 3);
    for (let y = 4; y <= 40; y++) {
      for (let x = 5; x <= 50; x++) {
        const i = (y * 64 + x) * 4;
        expect(Array.from(out.data.subarray(i, i + 4))).toEqual(Array.from(src.data.subarray(i, i + 4)));
      }
    }
    // nothing outside the square was written
    expect(out.data[(3 * 64 + 20) * 4 + 1]).toBe(0);
    expect(out.data[(20 * 64 + 51) * 4 + 1]).toBe(0);
  });

  it('moves content by a whole-pixel translation, and interpolates a half-pixel one', () => {
    const src = noiseImage(64, 48);
    const out = { width: 64, height: 48, data: new Uint8Array(64 * 48 * 4) };
    const clip = { x0: 0, y0: 0, x1: 64, y1: 48 };
    const whole = square(10, 10, 40, 30, 3, -2);
    for (const [a, b, c] of [[0, 1, 2], [0, 2, 3]]) warpTriangle(pixelWords(src, true), pixelWords(out, false), clip, whole.dest, whole.source, a, b, c);
    const at = (img: { data: Uint8Array }, x: number, y: number, ch: number) => img.data[(y * 64 + x) * 4 + ch];
    expect(at(out, 23, 18, 0)).toBe(at(src, 20, 20, 0));
    expect(at(out, 13, 8, 2)).toBe(at(src, 10, 10, 2));
    const half = square(10, 10, 40, 30, 0.5, 0);
    for (const [a, b, c] of [[0, 1, 2], [0, 2, 3]]) warpTriangle(pixelWords(src, true), pixelWords(out, false), clip, half.dest, half.source, a, b, c);
    // destination x = 21 samples source x = 20.5
    expect(Math.abs(at(out, 21, 20, 1) - (at(src, 20, 20, 1) + at(src, 21, 20, 1)) / 2)).toBeLessThanOrEqual(1);
  });

  it('reads an unaligned source buffer through an aligned copy, and refuses an unaligned output', () => {
    const backing = new Uint8Array(4 * 4 * 4 + 1);
    const unaligned = { width: 4, height: 4, data: backing.subarray(1) };
    unaligned.data.fill(200);
    expect(pixelWords(unaligned, true).words[5]).toBe(0xc8c8c8c8);
    expect(() => pixelWords({ width: 4, height: 4, data: new Uint8Array(65).subarray(1) }, false)).toThrow(/4-byte boundary/);
  });
});
