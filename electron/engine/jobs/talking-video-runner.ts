import { InputError } from '../errors.js';
import type { FfmpegTools } from '../media/index.js';
import type { SessionPool } from '../models/session-pool.js';
import { renderTalkingVideo } from '../render/render-talking-video.js';
import { DEFAULT_SEED, type TalkingVideoRequest } from '../render/talking-video-request.js';
import type { RenderJobSpec, RenderRunner } from './render-job.js';

/**
 * The studio's renderer: a queued job drawn by `renderTalkingVideo` (face analysis, every clip voiced and trimmed,
 * each subject's style, warp-rendered frames, encoded with the soundtrack). The worker process and the bridge both
 * run this. It refuses a face the user has not confirmed as consenting.
 */
export function createTalkingVideoRunner(deps: { tools: FfmpegTools; pool: SessionPool }): RenderRunner {
  return async ({ spec }, { signal, onProgress }) => {
    const result = await renderTalkingVideo(deps, toTalkingVideoRequest(spec), { signal, onProgress });
    return { outPath: result.outPath };
  };
}

/**
 * A render job as a talking-video request: the same scene the preview draws. Audio clips keep their trims; script
 * clips are spoken by their voice; each subject's settings become its performance style. Throws InputError
 * NO_CONSENT when the job does not record the face's consent.
 */
export function toTalkingVideoRequest(spec: RenderJobSpec): TalkingVideoRequest {
  if (spec.face.consent !== true) {
    throw new InputError('NO_CONSENT', `${spec.face.path}: the person in this picture is not marked as agreeing to be animated; confirm consent in the library, then render again.`, spec.face.path);
  }
  return {
    facePath: spec.face.path,
    preset: spec.preset,
    fps: spec.fps,
    seed: DEFAULT_SEED,
    outPath: spec.outputPath,
    origin: `the project "${spec.title}"`,
    tracks: spec.tracks.map((track) => ({
      subject: track.subject,
      clips: track.clips.map((clip) => ({
        startSec: clip.start,
        source:
          clip.kind === 'audio'
            ? { kind: 'audio' as const, path: clip.path, trimStartSec: clip.trimStart, trimEndSec: clip.trimEnd }
            : { kind: 'say' as const, text: clip.text, voice: clip.voice },
      })),
    })),
    styles: Object.fromEntries(Object.entries(spec.subjects).map(([subject, style]) => [Number(subject), style])),
  };
}
