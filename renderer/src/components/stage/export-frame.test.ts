import { describe, expect, it } from 'vitest';
import type { Clip } from '../../../../electron/contract/project-document';
import type { FaceSubjectView } from '../../../../electron/contract/types';
import { planExportShots, shotFraming, shotKeyAt } from './export-frame';

/** A subject whose 468 landmarks fill `box` (eye corners at 35 % of its height), as the analysis sends them. */
function subjectIn(index: number, [x, y, width, height]: [number, number, number, number]): FaceSubjectView {
  const landmarks = Array.from({ length: 468 }, (_, i) => [x + ((i % 10) / 9) * width, y + (Math.floor(i / 10) / 46) * height, 0] as [number, number, number]);
  for (const corner of [33, 133, 263, 362]) landmarks[corner] = [x + width / 2, y + height * 0.35, 0];
  const empty: [number, number][] = [];
  return { index, box: [x, y, width, height], score: 0.9, area: width * height, landmarks, masks: { faceOval: empty, lips: empty, innerMouth: empty, leftEye: empty, rightEye: empty, head: empty } };
}

const line = (start: number, duration: number): Clip => ({ id: `c${start}`, kind: 'script', start, text: 'Hello there.', voice: 'en-us', duration });
/** The Apollo 11 crew photo's three faces. */
const SUBJECTS = [subjectIn(0, [126, 171, 48, 57]), subjectIn(1, [412, 180, 47, 53]), subjectIn(2, [267, 87, 46, 53])];

describe('planExportShots', () => {
  it('plans the export’s shots from the timeline’s clips, and the stage draws the one at the playhead', () => {
    const tracks = [
      { subject: 0, clips: [line(0, 2.5)] },
      { subject: 1, clips: [line(3.4, 2.5)] },
    ];
    const plan = planExportShots({ width: 600, height: 471, subjects: SUBJECTS, tracks, preset: 'reel' })!;
    expect(plan.shots.map((shot) => shot.subject)).toEqual([0, 1]);
    const first = shotFraming(plan, shotKeyAt(plan, 1));
    const second = shotFraming(plan, shotKeyAt(plan, 4));
    expect(shotKeyAt(plan, 1).endsWith(',0')).toBe(true);
    expect(shotKeyAt(plan, 4).endsWith(',1')).toBe(true);
    expect(first.crop).toEqual(plan.shots[0].crop);
    expect(second.crop).toEqual(plan.shots[1].crop);
    expect(first.padded).toBe(false);
    // Halfway through the move, between the two.
    const change = plan.changes[0];
    const between = shotFraming(plan, shotKeyAt(plan, (change.startSec + change.endSec) / 2)).crop;
    expect(between.x).toBeGreaterThan(first.crop.x);
    expect(between.x).toBeLessThan(second.crop.x);
  });

  it('keeps one frame for one speaker and for the source size', () => {
    expect(planExportShots({ width: 600, height: 471, subjects: SUBJECTS, tracks: [{ subject: 0, clips: [line(0, 2)] }], preset: 'reel' })).toBeNull();
    const two = [
      { subject: 0, clips: [line(0, 2.5)] },
      { subject: 1, clips: [line(3.4, 2.5)] },
    ];
    expect(planExportShots({ width: 600, height: 471, subjects: SUBJECTS, tracks: two, preset: 'source' })).toBeNull();
  });

  it('times its shots on the typed lines’ real lengths once they are voiced, not on the word-count estimate', () => {
    // Estimated 1.2 s, really 3.2 s: the estimate's eased move at 2.65 s would swing away from a face still talking;
    // with the real length the pause is too short to move in, so the shot cuts in it.
    const tracks = [
      { subject: 0, clips: [line(0, 1.2)] },
      { subject: 1, clips: [line(3.4, 2.5)] },
    ];
    const estimated = planExportShots({ width: 600, height: 471, subjects: SUBJECTS, tracks, preset: 'reel' })!;
    const spoken = planExportShots({ width: 600, height: 471, subjects: SUBJECTS, tracks, preset: 'reel', spokenSec: new Map([['c0', 3.2]]) })!;
    expect(estimated.changes[0].startSec).toBeLessThan(3.2);
    expect(spoken.changes[0].startSec).toBeGreaterThanOrEqual(3.2);
    expect(spoken.changes[0].endSec).toBeLessThanOrEqual(3.4);
  });
});
