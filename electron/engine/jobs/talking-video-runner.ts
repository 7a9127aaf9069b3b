import { InputError } from '../errors.js';
import type { RenderTalkingVideoDeps } from '../render/render-talking-video.js';
import { parseCustomExportPreset, resolveExportPreset } from '../export/export-presets.js';
import { renderTalkingVideo } from '../render/render-talking-video.js';
import { DEFAULT_FPS, DEFAULT_SEED, type ExportOptions, type TalkingVideoRequest } from '../render/talking-video-request.js';
import { isBatchItemSpec, type BatchItemSpec, type RenderJobSpec, type RenderRunner, type StudioRenderSpec } from './render-job.js';

/**
 * The studio's and the batches' renderer: a queued job drawn by `renderTalkingVideo` (face analysis, every clip voiced
 * and trimmed, each subject's style, warp-rendered frames, captions, loudness, encoded with the soundtrack). The worker
 * process, the bridge and `mouthpiece batch` run this. A studio job whose face is not confirmed as consenting is refused.
 */
export function createTalkingVideoRunner(deps: RenderTalkingVideoDeps, options: { overwrite?: boolean } = {}): RenderRunner {
  return async ({ spec }, { signal, onProgress, libraryDir }) => {
    const withIdentity = libraryDir ? { tools: deps.tools, pool: deps.pool, libraryDir } : deps;
    // Without overwrite the finished video is claimed exclusively: another batch that made the same file meanwhile keeps it.
    const result = await renderTalkingVideo(withIdentity, { ...toTalkingVideoRequest(spec), overwrite: options.overwrite ?? true }, { signal, onProgress });
    return { outPath: result.outPath };
  };
}

export function toTalkingVideoRequest(spec: RenderJobSpec): TalkingVideoRequest {
  return isBatchItemSpec(spec) ? batchItemRequest(spec) : studioRequest(spec);
}

/**
 * A studio job as a talking-video request: the same scene the preview draws. Audio clips keep their trims; script
 * clips are spoken by their voice; each subject's settings become its performance style. Throws InputError
 * NO_CONSENT when the job does not record the face's consent.
 */
function studioRequest(spec: StudioRenderSpec): TalkingVideoRequest {
  if (spec.face.consent !== true) {
    throw new InputError('NO_CONSENT', `${spec.face.path}: the person in this picture is not marked as agreeing to be animated; confirm consent in the library, then render again.`, spec.face.path);
  }
  const exportPreset = spec.customPreset ? parseCustomExportPreset(spec.customPreset) : undefined;
  return {
    facePath: spec.face.path,
    preset: exportPreset?.framing ?? spec.preset,
    exportPreset,
    fps: spec.fps,
    seed: DEFAULT_SEED,
    outPath: spec.outputPath,
    origin: `the project "${spec.title}"`,
    consent: { statement: 'Consent confirmed in the Mouthpiece library.', source: 'library' },
    tracks: spec.tracks.map((track) => ({
      subject: track.subject,
      clips: track.clips.map((clip) => ({
        startSec: clip.start,
        source:
          clip.kind === 'audio'
            ? { kind: 'audio' as const, path: clip.path, transcript: clip.transcript, trimStartSec: clip.trimStart, trimEndSec: clip.trimEnd }
            : { kind: 'say' as const, text: clip.text, voice: clip.voice },
      })),
    })),
    styles: Object.fromEntries(Object.entries(spec.subjects).map(([subject, style]) => [Number(subject), style])),
    export: exportOptions(spec.captions.enabled ? spec.captions.style : 'none', spec.label),
    // Footage keeps its own frame rate unless a custom preset sets one, as `mouthpiece render` does without --fps.
    footage: spec.face.kind === 'video' ? { matchClipFps: !spec.customPreset, ...spec.footage } : undefined,
    ...(spec.mouthFrom ? { mouthFrom: spec.mouthFrom } : {}),
  };
}

/** A batch item: one subject of one picture speaking one recording or script from the start. */
function batchItemRequest(spec: BatchItemSpec): TalkingVideoRequest {
  const exportPreset = spec.customPreset ? parseCustomExportPreset(spec.customPreset) : resolveExportPreset(spec.preset);
  return {
    facePath: spec.face.path,
    preset: exportPreset.framing,
    exportPreset,
    fps: spec.fps ?? exportPreset.fps ?? DEFAULT_FPS,
    seed: DEFAULT_SEED,
    outPath: spec.outputPath,
    origin: spec.origin,
    tracks: [{ subject: spec.face.subject, clips: [{ startSec: 0, source: spec.source }] }],
    consent: spec.consent,
    export: exportOptions(spec.captions, spec.label),
    // A video face (only a video: a photo has no frame rate of its own) keeps its frame rate unless the row or a custom preset sets one.
    footage: { matchClipFps: spec.fps === undefined && !spec.customPreset },
    ...(spec.mouthFrom ? { mouthFrom: spec.mouthFrom } : {}),
  };
}

function exportOptions(captions: string, label: boolean | undefined): ExportOptions {
  return {
    captions: captions === 'clean' || captions === 'reel' ? { style: captions } : undefined,
    label: label ?? false,
  };
}
