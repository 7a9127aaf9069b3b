import { clipEndSec, type CaptionStyle, type Clip, type ExportPreset, type ProjectDocument } from '../../../../electron/contract/project-document';
import type { FaceSubjectView } from '../../../../electron/contract/types';
import { captionGeometry } from '../../../../electron/engine/captions/caption-geometry';
import { frameSubjects, type FramedFace, type Framing } from '../../../../electron/engine/render/framing';
import { OUTPUT_PRESETS } from '../../../../electron/engine/render/output-presets';
import { cropAt, planSpeakerShots, type ShotPlan } from '../../../../electron/engine/render/speaker-shots';

/** The facemesh eye corners the engine's framing puts on the preset's eye line. */
const EYE_CORNERS = [33, 133, 263, 362];

/** A subject as the engine's framing sees it: its landmark box and eye height. */
export function describeFramedFace(subject: Pick<FaceSubjectView, 'landmarks'>): FramedFace {
  const xs = subject.landmarks.map((point) => point[0]);
  const ys = subject.landmarks.map((point) => point[1]);
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
  const eyeY = EYE_CORNERS.reduce((sum, index) => sum + subject.landmarks[index][1], 0) / EYE_CORNERS.length;
  return { box: { x: x0, y: y0, width: Math.max(...xs) - x0, height: Math.max(...ys) - y0 }, eyeY };
}

/**
 * What the export keeps of the picture: the engine's own framing (the same function the render calls) for the preset,
 * around the speaking subjects. Null for `source`, which keeps the whole picture.
 */
export function computeExportFrame(input: { width: number; height: number; subjects: readonly FaceSubjectView[]; speakers: readonly number[]; preset: ExportPreset }): Framing | null {
  if (input.preset === 'source' || input.width <= 0 || input.height <= 0) return null;
  const faces = input.subjects.filter((subject) => input.speakers.includes(subject.index) && subject.landmarks.length > 362).map(describeFramedFace);
  return frameSubjects({ imageWidth: input.width, imageHeight: input.height, faces, preset: OUTPUT_PRESETS[input.preset] });
}

/**
 * The shots the export will cut between when its framing follows the speakers (the engine's own planner, on the
 * timeline's clip times), or null when one crop serves: then `computeExportFrame` is the frame throughout.
 */
export function planExportShots(input: {
  width: number;
  height: number;
  subjects: readonly FaceSubjectView[];
  tracks: readonly { subject: number; clips: readonly Clip[] }[];
  preset: ExportPreset;
  /** Typed lines' real lengths once voiced, by clip id (their timeline length is an estimate until then). */
  spokenSec?: ReadonlyMap<string, number>;
}): ShotPlan | null {
  if (input.preset === 'source' || input.width <= 0 || input.height <= 0) return null;
  const faces = new Map(input.subjects.filter((subject) => subject.landmarks.length > 362).map((subject) => [subject.index, describeFramedFace(subject)]));
  const endSec = (clip: Clip) => (clip.kind === 'script' && input.spokenSec?.has(clip.id) ? clip.start + input.spokenSec.get(clip.id)! : clipEndSec(clip));
  const speakers = input.tracks
    .filter((track) => track.clips.length > 0 && faces.has(track.subject))
    .map((track) => ({ subject: track.subject, face: faces.get(track.subject)!, spans: track.clips.map((clip) => ({ startSec: clip.start, endSec: endSec(clip) })) }));
  const durationSec = Math.max(0, ...input.tracks.flatMap((track) => track.clips.map(endSec)));
  return planSpeakerShots({ imageWidth: input.width, imageHeight: input.height, preset: OUTPUT_PRESETS[input.preset], speakers, durationSec, faces: [...faces.values()].map((face) => face.box) });
}

/** The crop at `atSec` and whom its shot frames, as "x,y,subject" (the key the stage redraws on). */
export function shotKeyAt(plan: ShotPlan, atSec: number): string {
  const crop = cropAt(plan, atSec);
  const shot = plan.shots.find((item) => atSec < item.endSec) ?? plan.shots[plan.shots.length - 1];
  return `${crop.x},${crop.y},${shot.subject}`;
}

/** The framing of the shot `key` (from `shotKeyAt`) names: the plan's crop size and scale at that place. */
export function shotFraming(plan: ShotPlan, key: string): Framing {
  const [x, y] = key.split(',').map(Number);
  const { width, height } = plan.shots[0].crop;
  const crop = { x, y, width, height };
  return { output: plan.output, crop, view: crop, scale: plan.scale, placement: { x: 0, y: 0, ...plan.output }, padded: false };
}

/** Where the export burns a caption of `style`, mapped back into picture pixels (font size and vertical centre). */
export function captionPlacement(framing: Framing, style: CaptionStyle): { centerY: number; fontPx: number; maxWidth: number; centerX: number } {
  const { width, height } = framing.output;
  const geometry = captionGeometry(style, width, height);
  const toSource = 1 / framing.scale;
  const centerY = style === 'reel' ? geometry.centerY : geometry.centerY - geometry.emPx * 0.7;
  return {
    centerX: framing.crop.x + framing.crop.width / 2,
    centerY: framing.crop.y + centerY * toSource,
    fontPx: geometry.emPx * toSource,
    maxWidth: geometry.maxLineWidthPx * toSource,
  };
}

/** The words the export would caption at `atSec`: the typed line (or library script) under the playhead, cut to a cue. */
export function captionTextAt(doc: ProjectDocument, atSec: number, scriptText: (scriptId: number) => string | undefined, style: CaptionStyle): string | null {
  for (const track of doc.tracks) {
    const clip = track.clips.find((item) => item.start <= atSec && atSec < clipEndSec(item));
    if (!clip || clip.kind !== 'script') continue;
    const text = clip.scriptId !== undefined ? scriptText(clip.scriptId) : clip.text;
    if (!text) continue;
    const words = text.trim().split(/\s+/);
    return words.slice(0, style === 'reel' ? 4 : 12).join(' ');
  }
  return null;
}
