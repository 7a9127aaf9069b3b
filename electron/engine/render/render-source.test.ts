import { describe, expect, it } from 'vitest';
import type { FaceSubject, Point3 } from '../face/face-types.js';
import type { FileAnalysis } from '../face/analyze-file.js';
import type { Framing } from './framing.js';
import { cropImage, describeFace, moveSubject, prepareRenderSource } from './render-source.js';

function subjectAt(cx: number, cy: number, size: number): FaceSubject {
  const landmarks: Point3[] = Array.from({ length: 468 }, (_, i) => [cx + size * Math.cos(i), cy + size * Math.sin(i), i % 7]);
  const poly = (): [number, number][] => [[cx, cy], [cx + 1, cy], [cx, cy + 1]];
  return {
    index: 0,
    box: [cx - size, cy - size, 2 * size, 2 * size],
    score: 0.9,
    area: 4 * size * size,
    landmarks,
    irises: { left: [[cx, cy, 0]], right: [[cx + 1, cy, 0]] },
    rollRad: 0,
    meshScore: 0.9,
    masks: { faceOval: poly(), lips: poly(), innerMouth: poly(), leftEye: poly(), rightEye: poly(), head: poly() },
  };
}

describe('moveSubject', () => {
  it('scales and shifts every point, box, area and mask consistently', () => {
    const s = subjectAt(100, 80, 20);
    const moved = moveSubject(s, 0.5, 10, 5);
    expect(moved.landmarks[3]).toEqual([s.landmarks[3][0] * 0.5 - 10, s.landmarks[3][1] * 0.5 - 5, s.landmarks[3][2] * 0.5]);
    expect(moved.box).toEqual([80 * 0.5 - 10, 60 * 0.5 - 5, 20, 20]);
    expect(moved.area).toBe(s.area / 4);
    expect(moved.masks.lips[1]).toEqual([101 * 0.5 - 10, 80 * 0.5 - 5]);
    expect(moved.irises.right[0]).toEqual([101 * 0.5 - 10, 40 - 5, 0]);
    const box = describeFace(moved).box;
    expect(box.width).toBeCloseTo(describeFace(s).box.width / 2, 6);
  });
});

describe('cropImage', () => {
  it('copies the rows of a rectangle', () => {
    const image = { width: 4, height: 3, data: Uint8Array.from({ length: 48 }, (_, i) => i) };
    const cut = cropImage(image, { x: 1, y: 1, width: 2, height: 2 });
    expect(Array.from(cut.data)).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 36, 37, 38, 39, 40, 41, 42, 43]);
    expect(cropImage(image, { x: 0, y: 0, width: 4, height: 3 })).toBe(image);
  });
});

describe('prepareRenderSource', () => {
  const image = { width: 400, height: 300, data: new Uint8Array(400 * 300 * 4).fill(200) };
  const near = subjectAt(200, 120, 30);
  const far = { ...subjectAt(370, 40, 10), index: 1 };
  const analysis = { width: 400, height: 300, subjects: [near, far], path: 'p.png', kind: 'image', image, analysisScale: 1 } as FileAnalysis;
  const framing = (scale: number): Framing => ({
    output: { width: 200, height: 150 },
    crop: { x: 100, y: 50, width: 200 / scale, height: 150 / scale },
    view: { x: 100, y: 50, width: 200, height: 150 },
    scale,
    placement: { x: 0, y: 0, width: 200, height: 150 },
    padded: false,
  });

  it('shrinks a view with more pixels than the output shows, with the subjects in view moved along', () => {
    const source = prepareRenderSource({ analysis, framing: framing(0.5) });
    expect([source.image.width, source.image.height]).toEqual([100, 75]);
    expect(source.scale).toBe(0.5);
    expect(source.subjects.map((s) => s.index)).toEqual([0]);
    const [x, y] = source.subjects[0].landmarks[0];
    expect(x).toBeCloseTo((near.landmarks[0][0] - 100) * 0.5, 6);
    expect(y).toBeCloseTo((near.landmarks[0][1] - 50) * 0.5, 6);
  });

  it('keeps the photo pixels when the output is about as large or larger', () => {
    const source = prepareRenderSource({ analysis, framing: framing(2) });
    expect([source.image.width, source.image.height]).toEqual([200, 150]);
    expect(source.scale).toBe(1);
  });
});
