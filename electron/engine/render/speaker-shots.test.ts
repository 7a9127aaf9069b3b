import { describe, expect, it } from 'vitest';
import type { FramedFace, Rect } from './framing.js';
import { OUTPUT_PRESETS } from './output-presets.js';
import { cropAt, MIN_SHOT_SEC, planSpeakerShots, speakingTurns, type SpeakerSpans } from './speaker-shots.js';

/** The Apollo 11 crew photo (600×471), landmark boxes as `mouthpiece analyze` measures them. */
const PHOTO = { imageWidth: 600, imageHeight: 471 };
const LEFT: FramedFace = { box: { x: 126, y: 171, width: 48, height: 57 }, eyeY: 190 };
const RIGHT: FramedFace = { box: { x: 412, y: 180, width: 47, height: 53 }, eyeY: 198 };
const MIDDLE: FramedFace = { box: { x: 267, y: 87, width: 46, height: 53 }, eyeY: 105 };

const contains = (outer: Rect, inner: Rect) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
const inside = (rect: Rect) => contains({ x: 0, y: 0, width: PHOTO.imageWidth, height: PHOTO.imageHeight }, rect);
const speaker = (subject: number, face: FramedFace, ...spans: [number, number][]): SpeakerSpans => ({ subject, face, spans: spans.map(([startSec, endSec]) => ({ startSec, endSec })) });

describe('planSpeakerShots', () => {
  it('follows two speakers at the sides of a wide photo in a reel: one shot each, inside the photo, each face in its shot', () => {
    const plan = planSpeakerShots({ ...PHOTO, preset: OUTPUT_PRESETS.reel, durationSec: 6, speakers: [speaker(0, LEFT, [0, 2.5]), speaker(1, RIGHT, [3.4, 6])] })!;
    expect(plan).not.toBeNull();
    expect(plan.shots.map((s) => s.subject)).toEqual([0, 1]);
    const [a, b] = plan.shots;
    expect(contains(a.crop, LEFT.box)).toBe(true);
    expect(contains(b.crop, RIGHT.box)).toBe(true);
    expect(inside(a.crop) && inside(b.crop)).toBe(true);
    expect(a.crop.width).toBe(b.crop.width);
    expect(a.crop.width / a.crop.height).toBeCloseTo(1080 / 1920, 2);
    // Faces at a comfortable size: at least half of what the reel aims for.
    expect(LEFT.box.height / a.crop.height).toBeGreaterThan(0.5 * OUTPUT_PRESETS.reel.faceHeightShare);
    // A 0.9 s pause holds an eased move, finished just before the second speaker's first word.
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0].kind).toBe('move');
    expect(plan.changes[0].startSec).toBeGreaterThanOrEqual(2.5);
    expect(plan.changes[0].endSec).toBeLessThanOrEqual(3.4);
    expect(cropAt(plan, 1)).toEqual(a.crop);
    expect(cropAt(plan, 3.4)).toEqual(b.crop);
    const during = cropAt(plan, (plan.changes[0].startSec + plan.changes[0].endSec) / 2);
    expect(during.x).toBeGreaterThan(a.crop.x);
    expect(during.x).toBeLessThan(b.crop.x);
    expect(plan.view).toMatchObject({ x: a.crop.x, width: b.crop.x + b.crop.width - a.crop.x });
  });

  it('slides a shot so that no edge runs through a listener’s face', () => {
    const plan = planSpeakerShots({ ...PHOTO, preset: OUTPUT_PRESETS.reel, durationSec: 6, faces: [LEFT.box, RIGHT.box, MIDDLE.box], speakers: [speaker(0, LEFT, [0, 2.5]), speaker(1, RIGHT, [3.4, 6])] })!;
    for (const shot of plan.shots) {
      for (const edge of [shot.crop.x, shot.crop.x + shot.crop.width]) {
        for (const face of [LEFT.box, RIGHT.box, MIDDLE.box]) expect(edge > face.x && edge < face.x + face.width, `edge ${edge} through ${face.x}`).toBe(false);
      }
      expect(inside(shot.crop)).toBe(true);
    }
    expect(contains(plan.shots[0].crop, LEFT.box)).toBe(true);
    expect(contains(plan.shots[1].crop, RIGHT.box)).toBe(true);
  });

  it('cuts in a short pause rather than slide a speaking face', () => {
    const plan = planSpeakerShots({ ...PHOTO, preset: OUTPUT_PRESETS.reel, durationSec: 5, speakers: [speaker(0, LEFT, [0, 2.4]), speaker(1, RIGHT, [2.6, 5])] })!;
    expect(plan.changes).toEqual([{ kind: 'cut', startSec: 2.5, endSec: 2.5 }]);
    expect(cropAt(plan, 2.49)).toEqual(plan.shots[0].crop);
    expect(cropAt(plan, 2.5)).toEqual(plan.shots[1].crop);
  });

  it('holds the shot through silence and returns to a speaker who talks again', () => {
    const plan = planSpeakerShots({
      ...PHOTO,
      preset: OUTPUT_PRESETS.square,
      durationSec: 12,
      speakers: [speaker(0, LEFT, [0, 2], [7, 9]), speaker(2, MIDDLE, [4, 6]), speaker(1, RIGHT, [10, 12])],
    })!;
    expect(plan.shots.map((s) => s.subject)).toEqual([0, 2, 0, 1]);
    // Silence from 2 s to 3.25 s: still on the first speaker.
    expect(cropAt(plan, 3)).toEqual(plan.shots[0].crop);
    for (const shot of plan.shots) expect(shot.endSec - shot.startSec).toBeGreaterThanOrEqual(MIN_SHOT_SEC);
    expect(plan.shots[plan.shots.length - 1].endSec).toBe(12);
  });

  it('folds an interjection too short for its own shot into the shot before', () => {
    const plan = planSpeakerShots({ ...PHOTO, preset: OUTPUT_PRESETS.reel, durationSec: 8, speakers: [speaker(0, LEFT, [0, 3], [3.9, 8]), speaker(1, RIGHT, [3, 3.8])] });
    // Without its own shot the interjection leaves one speaker: the crop that keeps both serves instead.
    expect(plan).toBeNull();
    const longer = planSpeakerShots({ ...PHOTO, preset: OUTPUT_PRESETS.reel, durationSec: 12, speakers: [speaker(0, LEFT, [0, 3], [3.9, 6]), speaker(1, RIGHT, [3, 3.8], [7, 12])] })!;
    expect(longer.shots.map((s) => s.subject)).toEqual([0, 1]);
    for (const shot of longer.shots) expect(shot.endSec - shot.startSec).toBeGreaterThanOrEqual(MIN_SHOT_SEC);
  });

  it('keeps one crop when it frames everyone well: a landscape group, a single speaker, the source size', () => {
    const two = [speaker(0, LEFT, [0, 3]), speaker(1, RIGHT, [3.5, 6])];
    expect(planSpeakerShots({ ...PHOTO, preset: OUTPUT_PRESETS.landscape, durationSec: 6, speakers: two })).toBeNull();
    expect(planSpeakerShots({ ...PHOTO, preset: OUTPUT_PRESETS.source, durationSec: 6, speakers: two })).toBeNull();
    expect(planSpeakerShots({ ...PHOTO, preset: OUTPUT_PRESETS.reel, durationSec: 6, speakers: [speaker(0, LEFT, [0, 3], [3.5, 6])] })).toBeNull();
    // Two close faces of a big photo fit one reel at a good size.
    const a: FramedFace = { box: { x: 900, y: 600, width: 200, height: 230 }, eyeY: 690 };
    const b: FramedFace = { box: { x: 1150, y: 620, width: 200, height: 230 }, eyeY: 710 };
    expect(planSpeakerShots({ imageWidth: 3000, imageHeight: 2000, preset: OUTPUT_PRESETS.reel, durationSec: 6, speakers: [speaker(0, a, [0, 3]), speaker(1, b, [3.5, 6])] })).toBeNull();
  });
});

describe('speakingTurns', () => {
  it('joins a speaker’s consecutive clips and orders the turns in time', () => {
    const turns = speakingTurns([speaker(1, RIGHT, [5, 6]), speaker(0, LEFT, [0, 1], [1.2, 2], [7, 8])]);
    expect(turns).toEqual([
      { subject: 0, startSec: 0, endSec: 2 },
      { subject: 1, startSec: 5, endSec: 6 },
      { subject: 0, startSec: 7, endSec: 8 },
    ]);
  });
});
