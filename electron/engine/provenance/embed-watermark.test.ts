import { describe, expect, it } from 'vitest';
import { addMark, addMarkInRect, createMarkWords } from './add-mark.js';
import { createMarkDeltas, watermarkFrames, type MarkableFrame } from './embed-watermark.js';
import { createSimdMarker } from './mark-simd.js';

/** The reference: each step added to red, green and blue one by one, clamped; alpha kept. */
function markedByChannel(rgba: Uint8Array, deltas: Int8Array): Uint8Array {
  const out = Uint8Array.from(rgba);
  for (let p = 0; p < deltas.length; p++) for (let c = 0; c < 3; c++) out[p * 4 + c] = Math.min(255, Math.max(0, rgba[p * 4 + c] + deltas[p]));
  return out;
}

/** Index of the first byte where a and b differ, −1 when they are equal (toEqual on megabytes is slow). */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** Deterministic bytes with every value, extremes included, in every channel. */
function noise(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

describe('addMark', () => {
  it('adds each step to red, green and blue, clamps at 0 and 255, keeps alpha, as the per-channel sum would', () => {
    const pixels = 4096;
    const rgba = new Uint8Array(pixels * 4);
    const deltas = new Int8Array(pixels);
    for (let p = 0; p < pixels; p++) {
      // Every byte value, extremes included, against every step from -2 to 2.
      for (let c = 0; c < 4; c++) rgba[p * 4 + c] = (p * 7 + c * 85) & 255;
      deltas[p] = (p % 5) - 2;
    }
    const into = new Uint8Array(rgba.length);
    addMark(rgba, createMarkWords(deltas), into);
    expect(into).toEqual(markedByChannel(rgba, deltas));
  });

  it('gives the per-channel bytes on random pictures, mostly dark, bright and mid-grey alike', () => {
    const pixels = 200_000;
    const deltas = Int8Array.from(noise(pixels, 7), (b) => (b % 5) - 2);
    for (const [seed, squash] of [
      [1, (b: number) => b],
      [2, (b: number) => b >> 5], // near black
      [3, (b: number) => 255 - (b >> 5)], // near white
    ] as const) {
      const rgba = Uint8Array.from(noise(pixels * 4, seed), squash);
      const into = new Uint8Array(rgba.length);
      addMark(rgba, createMarkWords(deltas), into);
      expect(firstDifference(into, markedByChannel(rgba, deltas))).toBe(-1);
    }
  });

  it('works on a frame that does not start on a 4-byte boundary', () => {
    const backing = new Uint8Array(4 * 3 + 1);
    const rgba = backing.subarray(1);
    rgba.set([10, 20, 30, 255, 254, 1, 128, 255, 0, 0, 0, 0]);
    const into = new Uint8Array(12);
    addMark(rgba, createMarkWords(Int8Array.from([1, 2, -1])), into);
    expect([...into]).toEqual([11, 21, 31, 255, 255, 3, 130, 255, 0, 0, 0, 0]);
  });

  it('marks inside a rectangle only, leaving the rest of the buffer as it was', () => {
    const width = 40;
    const height = 30;
    const rgba = noise(width * height * 4, 5);
    const deltas = Int8Array.from(noise(width * height, 6), (b) => (b % 5) - 2);
    const into = new Uint8Array(rgba.length).fill(77);
    addMarkInRect(rgba, createMarkWords(deltas), into, width, { x0: 5, y0: 3, x1: 12.5, y1: 40 });
    const full = markedByChannel(rgba, deltas);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const inside = x >= 5 && x < 13 && y >= 3;
        expect([...into.subarray(i, i + 4)]).toEqual(inside ? [...full.subarray(i, i + 4)] : [77, 77, 77, 77]);
      }
    }
  });

  it('changes the picture by about 1 level RMS (PSNR ≈ 47 dB) and averages to nothing', () => {
    const key = new Uint8Array(32).fill(3);
    const deltas = createMarkDeltas({ key, output: { width: 1080, height: 1920 }, outputPxPerFramePx: 2 }, { width: 540, height: 960 });
    let sum = 0;
    let sumSq = 0;
    for (const d of deltas) {
      sum += d;
      sumSq += d * d;
    }
    const rms = Math.sqrt(sumSq / deltas.length);
    expect(20 * Math.log10(255 / rms)).toBeGreaterThan(45);
    expect(Math.abs(sum / deltas.length)).toBeLessThan(0.05);
  });
});

describe('watermarkFrames', () => {
  it('marks only what each frame says it redrew, and gives the same frames as marking every pixel', async () => {
    const width = 64;
    const height = 48;
    const placement = { key: new Uint8Array(32).fill(9), output: { width: 128, height: 96 }, outputPxPerFramePx: 2 };
    const deltas = createMarkDeltas(placement, { width, height });
    // One buffer redrawn in place, a face-sized square changing each frame, as the photo warp does.
    const rect = { x0: 20, y0: 10, x1: 44, y1: 38 };
    const buffer: MarkableFrame = { width, height, data: noise(width * height * 4, 11), redrawn: [rect] };
    const expected: Uint8Array[] = [];
    async function* frames() {
      for (let f = 0; f < 4; f++) {
        const fresh = noise(width * height * 4, 100 + f);
        for (let y = rect.y0; y < rect.y1; y++) buffer.data.set(fresh.subarray((y * width + rect.x0) * 4, (y * width + rect.x1) * 4), (y * width + rect.x0) * 4);
        expected.push(markedByChannel(buffer.data, deltas));
        yield buffer;
      }
    }
    let count = 0;
    for await (const marked of watermarkFrames(frames(), placement)) {
      expect(firstDifference(marked.data, expected[count])).toBe(-1);
      expect(marked.data).not.toBe(buffer.data);
      count += 1;
    }
    expect(count).toBe(4);
  });
});

describe('createSimdMarker', () => {
  it('gives the per-channel bytes on random pictures, extremes included, for a pixel count that is not a multiple of 4', () => {
    const pixels = 100_003;
    const deltas = Int8Array.from(noise(pixels, 5), (b) => (b % 5) - 2);
    const marker = createSimdMarker(deltas);
    expect(marker, 'Node has WebAssembly SIMD').not.toBeNull();
    for (const [seed, squash] of [
      [1, (b: number) => b],
      [2, (b: number) => b >> 5],
      [3, (b: number) => 255 - (b >> 5)],
    ] as const) {
      const rgba = Uint8Array.from(noise(pixels * 4, seed), squash);
      const marked = marker!.mark(rgba);
      expect(marked.length).toBe(rgba.length);
      expect(firstDifference(marked, markedByChannel(rgba, deltas))).toBe(-1);
    }
  });

  it('marks whole footage frames that change everywhere, each as if marked on its own', async () => {
    const width = 37;
    const height = 21;
    const placement = { key: new Uint8Array(32).fill(3), output: { width: 74, height: 42 }, outputPxPerFramePx: 2 };
    const deltas = createMarkDeltas(placement, { width, height });
    const inputs = [0, 1, 2].map((f) => noise(width * height * 4, 40 + f));
    let count = 0;
    for await (const marked of watermarkFrames(inputs.map((data) => ({ width, height, data })), placement)) {
      expect(firstDifference(marked.data, markedByChannel(inputs[count], deltas))).toBe(-1);
      count += 1;
    }
    expect(count).toBe(3);
  });
});
