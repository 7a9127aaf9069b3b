import { describe, expect, it } from 'vitest';
import { createRgbaImage } from '../media/rgba-image.js';
import { isShotCut, lumaThumbnail } from './shot-cuts.js';
import { assignFadeWeights, FADE_FRAMES, type SkipReason } from './track-video.js';

const frames = (marks: string) =>
  [...marks].map((m) => ({ skip: m === 'x' ? ('missing' as SkipReason) : undefined, cut: m === '|' ? true : undefined, weight: -1 }));

describe('fade weights around skipped frames and cuts', () => {
  it('ramps down to 0 before a missing face and back up after it, over FADE_FRAMES', () => {
    const track = frames('..........x..........');
    assignFadeWeights(track);
    const w = track.map((f) => f.weight);
    expect(w[10]).toBe(0);
    expect(w[0]).toBe(1);
    expect(w[20]).toBe(1);
    for (let d = 1; d <= FADE_FRAMES; d++) {
      expect(w[10 - d]).toBeCloseTo(d / (FADE_FRAMES + 1));
      expect(w[10 + d]).toBeCloseTo(d / (FADE_FRAMES + 1));
    }
  });

  it('eases out before a cut and in after it without skipping the cut frame', () => {
    const track = frames('..........|..........');
    assignFadeWeights(track);
    expect(track[10].weight).toBeGreaterThan(0);
    expect(track[9].weight).toBeLessThan(0.5);
    expect(track[0].weight).toBe(1);
  });
});

describe('shot cuts', () => {
  const flat = (value: number) => {
    const image = createRgbaImage(64, 36);
    image.data.fill(value);
    return image;
  };
  it('sees a change of the whole picture as a cut and a small moving part as none', () => {
    const a = flat(40);
    const b = flat(200);
    expect(isShotCut(lumaThumbnail(a), lumaThumbnail(b))).toBe(true);
    const c = flat(40);
    for (let y = 10; y < 20; y++) for (let x = 20; x < 30; x++) c.data.fill(230, (y * 64 + x) * 4, (y * 64 + x) * 4 + 3);
    expect(isShotCut(lumaThumbnail(a), lumaThumbnail(c))).toBe(false);
  });
});
