import { describe, expect, it } from 'vitest';
import type { Point2 } from '../face/face-types.js';
import { createRgbaImage, type RgbaImage } from '../media/rgba-image.js';
import { lipLineStairs, upscaleCrop } from './lip-line-stairs.js';
import { grainOf, quantile } from '../media/image-statistics.js';
import { mouthGrainRatio, teethToEyeWhites } from './mouth-look.js';

function paint(image: RgbaImage, value: (x: number, y: number) => number): RgbaImage {
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const v = Math.max(0, Math.min(255, Math.round(value(x, y))));
      image.data.set([v, v, v, 255], (y * image.width + x) * 4);
    }
  }
  return image;
}

/** Deterministic noise in -0.5..0.5. */
const noise = (x: number, y: number) => (((Math.imul(x + 1, 73856093) ^ Math.imul(y + 7, 19349663)) >>> 0) % 1000) / 1000 - 0.5;

const rect = (x0: number, y0: number, x1: number, y1: number): Point2[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

describe('teethToEyeWhites', () => {
  it('is the bright teeth over the bright eye whites', () => {
    const mouth = rect(40, 60, 80, 75);
    const eyes = [rect(20, 20, 40, 30), rect(70, 20, 90, 30)];
    const image = paint(createRgbaImage(120, 100), (x, y) => (y >= 60 && y <= 75 && x >= 40 && x <= 80 ? 200 : y >= 20 && y <= 30 ? 100 : 50));
    expect(teethToEyeWhites({ frame: image, mouth, eyes })).toBeCloseTo(2, 5);
  });
});

describe('grain', () => {
  it('reads nothing on a smooth gradient and grows with the noise', () => {
    const box = createRgbaImage(60, 60);
    const all = () => true;
    expect(grainOf(paint(box, (x, y) => 50 + x + 0.5 * y), all)).toBeLessThanOrEqual(0.5);
    const light = grainOf(paint(createRgbaImage(60, 60), (x, y) => 100 + 8 * noise(x, y)), all);
    const heavy = grainOf(paint(createRgbaImage(60, 60), (x, y) => 100 + 32 * noise(x, y)), all);
    expect(light).toBeGreaterThan(1);
    expect(heavy / light).toBeGreaterThan(3);
  });

  it('tells a clean painted mouth from one as grainy as the cheeks', () => {
    const mouth = rect(30, 50, 70, 70);
    const cheeks: Point2[] = [
      [20, 30],
      [80, 30],
    ];
    const inMouth = (x: number, y: number) => x >= 30 && x <= 70 && y >= 50 && y <= 70;
    const clean = paint(createRgbaImage(100, 90), (x, y) => (inMouth(x, y) ? 40 : 150 + 20 * noise(x, y)));
    const grainy = paint(createRgbaImage(100, 90), (x, y) => (inMouth(x, y) ? 40 : 150) + 20 * noise(x, y));
    expect(mouthGrainRatio({ frame: clean, mouth, cheeks, cheekRadiusPx: 8 })).toBeLessThan(0.1);
    expect(mouthGrainRatio({ frame: grainy, mouth, cheeks, cheekRadiusPx: 8 })).toBeGreaterThan(0.7);
  });

  it('quantile picks from the sorted values', () => {
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(quantile([5, 1, 3, 2, 4], 1)).toBe(5);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('lipLineStairs', () => {
  // a dark band below a gently sloping line (1 px down every 6), drawn hard-edged or anti-aliased
  const slope = 1 / 6;
  const drawEdge = (antiAliased: boolean) =>
    paint(createRgbaImage(80, 40), (x, y) => {
      const edge = 15 + slope * x;
      const cover = antiAliased ? Math.max(0, Math.min(1, y + 0.5 - edge)) : y >= Math.round(edge) ? 1 : 0;
      return 200 - 160 * cover;
    });
  const line: Point2[] = [
    [0, 15],
    [79, 15 + slope * 79],
  ];

  it('finds the stair steps of a hard-edged line enlarged 4×, and not those of an anti-aliased one', () => {
    const factor = 4;
    const toCrop = (p: Point2): Point2 => [(p[0] + 0.5) * factor - 0.5, (p[1] + 0.5) * factor - 0.5];
    const measure = (image: RgbaImage) => lipLineStairs({ frame: upscaleCrop(image, { x: 0, y: 0, width: 80, height: 40 }, factor), line: line.map(toCrop), windowPx: 10 });
    const hard = measure(drawEdge(false));
    const smooth = measure(drawEdge(true));
    expect(hard).toBeGreaterThan(0.12);
    expect(smooth).toBeLessThan(hard / 3);
  });

  it('is NaN where there is no edge to follow', () => {
    const flat = paint(createRgbaImage(40, 20), () => 90);
    expect(lipLineStairs({ frame: flat, line: [[0, 10], [39, 10]], windowPx: 3 })).toBeNaN();
  });
});

describe('upscaleCrop', () => {
  it('keeps a flat picture flat and a crop at factor 1 unchanged', () => {
    const flat = paint(createRgbaImage(10, 10), () => 77);
    const big = upscaleCrop(flat, { x: 2, y: 2, width: 5, height: 5 }, 3);
    expect([big.width, big.height]).toEqual([15, 15]);
    expect(new Set(Array.from(big.data).filter((_, i) => i % 4 === 0))).toEqual(new Set([77]));
    const varied = paint(createRgbaImage(10, 10), (x, y) => 10 * x + y);
    const same = upscaleCrop(varied, { x: 1, y: 1, width: 8, height: 8 }, 1);
    expect(same.data[(2 * 8 + 3) * 4]).toBe(varied.data[(3 * 10 + 4) * 4]);
  });
});
