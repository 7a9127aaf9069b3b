import { describe, expect, it } from 'vitest';
import { createRgbaImage } from '../../media/rgba-image.js';
import { chooseMouths, targetShapeOf } from './choose-mouths.js';
import type { MouthBankEntry, MouthBankStats } from './mouth-bank.js';

const STATS: MouthBankStats = { restOpening: 0.01, wideOpening: 0.3, restWidth: 0.9 };
const still = { jawOpen: 0, lipPress: 0, lipRound: 0, lipSpread: 0, teethShow: 0 };

const entry = (frameIndex: number, opening: number, width = 0.9): MouthBankEntry => ({
  frameIndex,
  shape: { opening, width, chinDrop: 1.6, teeth: 0 },
  yawRad: 0,
  landmarks: new Float32Array(468 * 3),
  crop: createRgbaImage(1, 1),
  cropX: 0,
  cropY: 0,
  scale: 1,
});

describe('the mouth wanted for an articulation', () => {
  it('is closed at rest and at a pressed b/p/m however open the jaw, wide at a full jaw', () => {
    expect(targetShapeOf(still, STATS).opening).toBeCloseTo(0.01);
    expect(targetShapeOf({ ...still, jawOpen: 0.6, lipPress: 1 }, STATS).opening).toBeCloseTo(0.01);
    expect(targetShapeOf({ ...still, jawOpen: 0.6 }, STATS).opening).toBeCloseTo(0.3);
  });
  it('narrows for rounded lips and widens for spread ones', () => {
    expect(targetShapeOf({ ...still, lipRound: 1 }, STATS).width).toBeLessThan(0.9);
    expect(targetShapeOf({ ...still, lipSpread: 1 }, STATS).width).toBeGreaterThan(0.9);
  });
});

describe('choosing banked mouths', () => {
  const bank = [entry(0, 0.01), entry(1, 0.02), entry(2, 0.15), entry(3, 0.16), entry(4, 0.3)];
  const targets = [0.01, 0.01, 0.15, 0.3, 0.3, 0.01].map((opening) => ({ opening, width: 0.9, teeth: 0 }));

  it('follows the wanted opening frame by frame (no lag), closed where the voice is silent', () => {
    const choices = chooseMouths(bank, targets, targets.map(() => 0));
    choices.forEach((c, t) => expect(Math.abs(bank[c.entry].shape.opening - targets[t].opening)).toBeLessThanOrEqual(0.01));
  });

  it('prefers the next clip frame over a near tie elsewhere (continuity)', () => {
    const choices = chooseMouths(bank, [0.015, 0.015].map((opening) => ({ opening, width: 0.9, teeth: 0 })), [0, 0]);
    expect(bank[choices[1].entry].frameIndex).toBe(bank[choices[0].entry].frameIndex + 1);
  });

  it('reports how much wider the wanted mouth is than the widest banked one', () => {
    const [choice] = chooseMouths([entry(0, 0.01), entry(1, 0.1)], [{ opening: 0.25, width: 0.9, teeth: 0 }], [0]);
    expect(choice.openingShortfall).toBeCloseTo(0.15);
  });

  it('takes mouths from the shot being drawn onto (another shot is a last resort), not the nearest shape across a cut', () => {
    const twoShots = [entry(0, 0.01), entry(1, 0.1), entry(10, 0.01), entry(11, 0.15)];
    const shotOf = (clipFrame: number) => (clipFrame >= 10 ? 1 : 0);
    const wanted = [0.15, 0.15, 0.15, 0.15].map((opening) => ({ opening, width: 0.9, teeth: 0 }));
    const choices = chooseMouths(twoShots, wanted, [0, 0, 0, 0], { shotOf, frameShots: [0, 0, 1, 1] });
    expect(choices.map((c) => shotOf(twoShots[c.entry].frameIndex))).toEqual([0, 0, 1, 1]);
    const [alone] = chooseMouths([entry(10, 0.15)], [wanted[0]], [0], { shotOf, frameShots: [0] });
    expect(alone.entry).toBe(0);
  });
});
