import path from 'node:path';
import { clipEndSec, type ExportPreset, type FootageSettings, type ProjectDocument } from '../../contract/project-document';
import { DEFAULT_ORIGINAL_AUDIO_DB } from '../../engine/render/talking-video-request.js';
import type { StudioRenderSpec } from '../../engine/jobs/index.js';
import type { StudioLibrary } from '../engine-facade';
import { StudioFailure } from '../studio-errors';
import { RENDER_FPS, resolveCustomPreset } from './export-presets';

/** The length of a scene with nothing on the timeline (only ever previewed). */
const SILENT_SCENE_SEC = 1;
/** A rough speaking rate for script clips the editor has not estimated: about 2.5 words a second. */
const WORDS_PER_SECOND = 2.5;

export interface RenderSpecInput {
  document: ProjectDocument;
  title: string;
  preset: ExportPreset;
  outputPath: string;
  /** A preview may show a face that says nothing yet; a render needs something to say. */
  allowSilence?: boolean;
}

/**
 * Resolves a project document into a self-contained render spec: the stored files behind the stage and every clip,
 * and the checks a render needs up front, each failing with a sentence the user can act on.
 */
export function buildRenderSpec(library: StudioLibrary, { document, title, preset, outputPath, allowSilence = false }: RenderSpecInput): StudioRenderSpec {
  const { faceId } = document.stage;
  if (faceId === null) throw new StudioFailure('BAD_INPUT', 'Choose a photo or video for the stage before rendering.');
  const face = library.getFace({ faceId });
  if (!face) throw new StudioFailure('NOT_FOUND', `The stage's face (id ${faceId}) is no longer in the library.`);
  if (!face.consent) {
    throw new StudioFailure('NO_CONSENT', `Confirm that the person in "${face.name}" agreed to be animated (tick consent in the library) before rendering.`);
  }
  if (face.analysisStatus !== 'done' || face.subjects.length === 0 || !face.width || !face.height) {
    throw new StudioFailure('BAD_INPUT', `No face was found in "${face.name}"; choose a picture with a clearly visible face.`);
  }

  const tracks = document.tracks
    .filter((track) => track.clips.length > 0)
    .map((track) => {
      if (track.subject >= face.subjects.length) {
        throw new StudioFailure('BAD_INPUT', `"${face.name}" has ${face.subjects.length} face(s); there is no subject ${track.subject + 1}.`);
      }
      return {
        subject: track.subject,
        clips: track.clips.map((clip) => {
          if (clip.kind === 'audio') {
            const voice = library.getVoice({ voiceId: clip.voiceId });
            if (!voice?.mediaPath) throw new StudioFailure('NOT_FOUND', `A clip's recording (voice id ${clip.voiceId}) is no longer in the library.`);
            return { kind: 'audio' as const, start: clip.start, path: voice.mediaPath, trimStart: clip.trimStart, trimEnd: clip.trimEnd, ...(voice.transcript ? { transcript: voice.transcript } : {}) };
          }
          const text = clip.text ?? (clip.scriptId !== undefined ? library.getScript({ scriptId: clip.scriptId })?.text : undefined);
          if (!text) throw new StudioFailure('NOT_FOUND', `A clip's script (id ${clip.scriptId}) is no longer in the library.`);
          const durationSec = clip.duration ?? Math.max(1, text.trim().split(/\s+/u).length / WORDS_PER_SECOND);
          return { kind: 'script' as const, start: clip.start, text, voice: clip.voice, durationSec };
        }),
      };
    });
  if (tracks.length === 0 && !allowSilence) throw new StudioFailure('BAD_INPUT', "Put a recording or a script on a subject's track before rendering.");

  const voiceSec = tracks.length === 0 ? SILENT_SCENE_SEC : Math.max(
    ...tracks.flatMap((track) => track.clips.map((clip) => (clip.kind === 'audio' ? clip.start + clip.trimEnd - clip.trimStart : clip.start + clip.durationSec))),
    ...document.tracks.flatMap((track) => track.clips.map(clipEndSec)),
  );
  const durationSec = face.kind === 'video' && document.export.footage?.keepClipLength && face.durationSec ? Math.max(voiceSec, face.durationSec) : voiceSec;
  const footage = face.kind === 'video' ? footageSpec(document.export.footage) : undefined;
  const custom = document.export.customPresetId === undefined ? null : resolveCustomPreset(library, document.export.customPresetId);
  const mouthFrom = mouthClipPath(library, face);
  return {
    version: 1,
    title,
    preset,
    fps: custom?.fps ?? RENDER_FPS,
    outputPath,
    face: { path: face.mediaPath, kind: face.kind, width: face.width, height: face.height, consent: true },
    durationSec,
    tracks,
    subjects: document.subjects,
    captions: document.export.captions,
    label: document.export.label ?? false,
    ...(footage ? { footage } : {}),
    ...(custom ? { customPreset: custom.settings } : {}),
    ...(mouthFrom ? { mouthFrom } : {}),
  };
}

/** The stored clip a photo face takes its mouth from (its library mouth clip), if it has one. */
export function mouthClipPath(library: StudioLibrary, face: { kind: 'image' | 'video'; mouthClipId: number | null }): string | undefined {
  if (face.kind !== 'image' || face.mouthClipId === null) return undefined;
  return library.getFace({ faceId: face.mouthClipId })?.mediaPath;
}

/** The dub's length and sound rules for a video face, as the render request takes them. */
function footageSpec(settings: FootageSettings | undefined): StudioRenderSpec['footage'] {
  if (!settings) return undefined;
  return { keepClipLength: settings.keepClipLength, ...(settings.keepOriginalAudio ? { originalAudioDb: DEFAULT_ORIGINAL_AUDIO_DB } : {}) };
}

/** `<rendersDir>/<title> <yyyy-mm-dd hh.mm.ss>.mp4`, with characters no file system likes replaced. */
export function defaultRenderPath(rendersDir: string, title: string, now = new Date()): string {
  const safe = title.replace(/[<>:"/\\|?*\u0000-\u001f]+/g, '_').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 80) || 'Mouthpiece';
  const stamp = now.toISOString().slice(0, 19).replace('T', ' ').replaceAll(':', '.');
  return path.join(rendersDir, `${safe} ${stamp}.mp4`);
}
