/**
 * A scene's speaker-following shots as the export uses them: planned from the prepared clips' times, the framing the
 * renderer draws for them, and the face the captions keep clear of.
 */
import type { FaceSubject } from '../face/face-types.js';
import type { Framing, Rect } from './framing.js';
import type { OutputPreset } from './output-presets.js';
import type { PreparedScene } from './prepare-scene.js';
import { describeFace } from './render-source.js';
import { planSpeakerShots, type ShotPlan } from './speaker-shots.js';

/** The shots that follow the speakers of a photo scene, or null when one crop serves (see speaker-shots.ts). */
export function planShots(prepared: PreparedScene, preset: OutputPreset): ShotPlan | null {
  const { analysis, speakers, clips } = prepared;
  if (analysis.kind !== 'image') return null;
  return planSpeakerShots({
    imageWidth: analysis.width,
    imageHeight: analysis.height,
    preset,
    durationSec: prepared.durationSec,
    faces: analysis.subjects.map((s) => describeFace(s).box),
    speakers: speakers.map((subject, track) => ({ subject: subject.index, face: describeFace(subject), spans: clips[track].map((c) => ({ startSec: c.startSec, endSec: c.startSec + c.durationSec })) })),
  });
}

/** The framing the renderer draws for a shot plan: every region any shot shows, at the shots' scale. */
export function shotsFraming(plan: ShotPlan): Framing {
  return { output: plan.output, crop: plan.shots[0].crop, view: plan.view, scale: plan.scale, placement: { x: 0, y: 0, ...plan.output }, padded: false };
}

/** Reel captions go below the lowest chin any shot shows: its speaker's face in that shot's crop. */
export function lowestSpeakerInShot(plan: ShotPlan, speakers: FaceSubject[]): { boxes: Rect[]; framing: Pick<Framing, 'crop' | 'scale'> } {
  const inShot = plan.shots.map((shot) => ({ box: describeFace(speakers.find((s) => s.index === shot.subject)!).box, crop: shot.crop }));
  const lowest = inShot.reduce((a, b) => (b.box.y + b.box.height - b.crop.y > a.box.y + a.box.height - a.crop.y ? b : a));
  return { boxes: [lowest.box], framing: { crop: lowest.crop, scale: plan.scale } };
}
