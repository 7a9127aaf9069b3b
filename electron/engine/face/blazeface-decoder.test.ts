import { describe, expect, it } from 'vitest';
import { decodeDetections, generateAnchors, intersectionOverUnion, weightedNonMaxSuppression, type RawDetection } from './blazeface-decoder.js';

describe('BlazeFace decoding', () => {
  it('has 896 anchors: 16×16×2 at stride 16, then 8×8×6 at stride 32', () => {
    const anchors = generateAnchors();
    expect(anchors).toHaveLength(896);
    expect(anchors[0]).toEqual([8, 8]);
    expect(anchors[1]).toEqual([8, 8]);
    expect(anchors[2]).toEqual([24, 8]);
    expect(anchors[512]).toEqual([16, 16]);
    expect(anchors[895]).toEqual([240, 240]);
  });

  it('decodes box centre, size and keypoints relative to the anchor, keeping only scores above the threshold', () => {
    const scores16 = new Float32Array(512).fill(-10);
    const scores8 = new Float32Array(384).fill(-10);
    const regressors16 = new Float32Array(512 * 16);
    const regressors8 = new Float32Array(384 * 16);
    // anchor 3 sits at (24, 8); a face centred 2 px right and 4 px down of it, 40×50 px
    scores16[3] = 2;
    regressors16.set([2, 4, 40, 50, 1, 1, 10, 1, 5, 8, 5, 15, -15, 0, 20, 0], 3 * 16);
    // anchor 512 + 9 on the 8×8 grid: cell (1, 0) → (48, 16)
    scores8[9] = 0.5;
    regressors8.set([0, 0, 64, 64], 9 * 16);
    const found = decodeDetections({ scores16, scores8, regressors16, regressors8 }, 0.5);
    expect(found).toHaveLength(2);
    expect(found[0].box).toEqual([26 - 20, 12 - 25, 26 + 20, 12 + 25]);
    expect(found[0].keypoints[0]).toEqual([25, 9]);
    expect(found[0].keypoints[1]).toEqual([34, 9]);
    expect(found[0].score).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    expect(found[1].box).toEqual([16, -16, 80, 48]);
  });

  it('merges overlapping detections of one face, weighted by score, and keeps separate faces apart', () => {
    const det = (box: RawDetection['box'], score: number): RawDetection => ({ box, score, keypoints: [[box[0], box[1]]] });
    const merged = weightedNonMaxSuppression(
      [det([0, 0, 10, 10], 0.9), det([1, 1, 11, 11], 0.3), det([100, 100, 120, 120], 0.8)],
      0.3,
    );
    expect(merged).toHaveLength(2);
    expect(merged[0].score).toBe(0.9);
    expect(merged[0].box[0]).toBeCloseTo((0 * 0.9 + 1 * 0.3) / 1.2, 6);
    expect(merged[1].box).toEqual([100, 100, 120, 120]);
  });

  it('computes intersection over union', () => {
    expect(intersectionOverUnion([0, 0, 10, 10], [0, 0, 10, 10])).toBe(1);
    expect(intersectionOverUnion([0, 0, 10, 10], [5, 0, 15, 10])).toBeCloseTo(50 / 150, 6);
    expect(intersectionOverUnion([0, 0, 10, 10], [20, 20, 30, 30])).toBe(0);
  });
});
