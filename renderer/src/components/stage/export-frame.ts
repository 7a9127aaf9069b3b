import { clipEndSec, type CaptionStyle, type ExportPreset, type ProjectDocument } from '../../../../electron/contract/project-document';
import type { FaceSubjectView } from '../../../../electron/contract/types';
import { captionGeometry } from '../../../../electron/engine/captions/caption-geometry';
import { frameSubjects, type FramedFace, type Framing } from '../../../../electron/engine/render/framing';
import { OUTPUT_PRESETS } from '../../../../electron/engine/render/output-presets';

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
