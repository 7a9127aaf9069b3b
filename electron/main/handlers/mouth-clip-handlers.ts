import type { StudioHandlers } from '../../contract/studio-api';
import type { LibraryFace } from '../engine-facade';
import { toFaceSummary } from '../library-views';
import { StudioFailure } from '../studio-errors';
import type { StudioHandlerDeps } from './handler-deps';

/** About the shortest clip that banks enough mouth shapes (MIN_MOUTH_REFERENCE_FRAMES at 25 fps, with a margin). */
const MIN_MOUTH_CLIP_SEC = 1;

/**
 * A photo face's personal mouth: a library video of the same person talking whose lips, teeth and tongue the photo's
 * renders show. A clip that cannot serve (unreadable, no face, silent, too short) is refused in one line, here rather
 * than minutes into an export.
 */
export function createMouthClipHandlers(deps: StudioHandlerDeps): Pick<StudioHandlers, 'face.setMouthClip'> {
  const { engine, emit, mediaUrl, thumbnailUrl } = deps;
  return {
    'face.setMouthClip': async ({ faceId, clipId }) => {
      const library = await engine.library();
      const face = library.getFace({ faceId });
      if (!face) throw new StudioFailure('NOT_FOUND', `There is no face with id ${faceId} in the library.`);
      if (face.kind !== 'image') throw new StudioFailure('BAD_INPUT', `"${face.name}" is a video: it keeps the mouth of its own frames; only a photo takes its mouth from a clip.`);
      if (clipId !== null) {
        const clip = library.getFace({ faceId: clipId });
        if (!clip) throw new StudioFailure('NOT_FOUND', `There is no clip with id ${clipId} in the library.`);
        await checkMouthClip(deps, clip);
      }
      const updated = library.setMouthClip({ faceId, clipId });
      emit('library-changed', { reason: 'mouth-clip' });
      return toFaceSummary(updated, mediaUrl, thumbnailUrl);
    },
  };
}

async function checkMouthClip({ engine }: StudioHandlerDeps, clip: LibraryFace): Promise<void> {
  const refuse = (why: string) => {
    throw new StudioFailure('BAD_INPUT', `"${clip.name}" ${why}`);
  };
  if (clip.kind !== 'video') refuse('is a photo: the mouth comes from a video of the same person talking to the camera.');
  if (clip.analysisStatus === 'failed') refuse(`could not be read${clip.analysisError ? ` (${clip.analysisError})` : ''}; choose another clip of the person talking.`);
  if (clip.analysisStatus === 'no_face' || (clip.analysisStatus === 'done' && clip.subjectCount === 0)) refuse('shows no face: choose a clip of the person talking to the camera.');
  if (clip.durationSec !== null && clip.durationSec < MIN_MOUTH_CLIP_SEC) refuse(`is only ${clip.durationSec.toFixed(1)} s long: the personal mouth needs a few seconds of the person talking.`);
  const { probeMedia } = await import('../../engine/media/index.js');
  const probed = await probeMedia(await engine.tools(), clip.mediaPath).catch(() => null);
  if (!probed) refuse('could not be read; choose another clip of the person talking.');
  else if (!probed.hasAudio) refuse('has no sound: the personal mouth needs a clip of the person talking, with their voice.');
}
