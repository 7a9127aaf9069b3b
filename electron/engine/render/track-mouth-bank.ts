/**
 * One tracking pass over a clip that also fills a mouth bank from the same decode: what the footage dub needs of its
 * clip, and what a photo render needs of a clip of the person talking (`--mouth-from`). The frames are never kept.
 */
import { InputError, throwIfAborted } from '../errors.js';
import { MESH_POINTS } from '../face/face-landmarker.js';
import { trackVideoSubject, yawOf, type VideoTrack } from '../face/track-video.js';
import { probeMedia, type FfmpegTools } from '../media/index.js';
import type { SessionPool } from '../models/session-pool.js';
import { createCentredLandmarks } from '../synth/mouth-bank/centred-landmarks.js';
import { createMouthBank, type MouthBank } from '../synth/mouth-bank/mouth-bank.js';

export interface TrackedBank {
  track: VideoTrack;
  bank: MouthBank;
  clipFps: number;
}

export async function trackMouthBank(
  deps: { tools: FfmpegTools; pool: SessionPool },
  clip: { path: string; width: number; height: number; fps: number; durationSec: number },
  subjectIndex: number,
  options: { signal?: AbortSignal; onProgress?: (ratio: number) => void } = {},
): Promise<TrackedBank> {
  const bank = createMouthBank();
  const centred = createCentredLandmarks(MESH_POINTS * 3);
  let waiting: number | null = null;
  const track = await trackVideoSubject(
    deps,
    clip.path,
    { fps: clip.fps, width: clip.width, height: clip.height },
    {
      subject: subjectIndex,
      signal: options.signal,
      expectedFrames: Math.max(1, Math.round(clip.durationSec * clip.fps)),
      onProgress: (p) => options.onProgress?.(p.ratio),
      // A banked mouth is cut out now (the frame's pixels are gone after this call) and labelled one frame later, by its
      // centred landmarks (see centred-landmarks.ts), not the track's smoothed ones.
      onFrame: (frame, tracked, scale, raw) => {
        const label = centred.push(raw, tracked.cut === true);
        if (waiting !== null && label) bank.relabel(waiting, label);
        waiting = null;
        if (!raw || !tracked.landmarks || tracked.skip || tracked.cut) return;
        bank.add({ frameIndex: tracked.index, image: frame, landmarks: raw, scale: 1 / scale, yawRad: yawOf(tracked.landmarks) });
        waiting = tracked.index;
      },
    },
  );
  throwIfAborted(options.signal);
  const last = centred.flush();
  if (waiting !== null && last) bank.relabel(waiting, last);
  return { track, bank, clipFps: clip.fps };
}

/** A personal mouth needs at least this many banked frames (about a second of talking). */
export const MIN_MOUTH_REFERENCE_FRAMES = 20;

/**
 * The mouth bank of a short clip of the person talking (the largest face in it), for a photo render's mouth interior.
 * A file that is not a video, or shows no face long enough, is refused in one line.
 */
export async function prepareMouthReference(
  deps: { tools: FfmpegTools; pool: SessionPool },
  clipPath: string,
  options: { signal?: AbortSignal; onProgress?: (ratio: number) => void } = {},
): Promise<MouthBank> {
  const info = await probeMedia(deps.tools, clipPath, { signal: options.signal }).catch((error: unknown) => {
    if (error instanceof InputError) throw new InputError(error.code, `--mouth-from: ${error.message}`, clipPath);
    throw error;
  });
  if (info.kind !== 'video' || !info.width || !info.height) {
    throw new InputError('BAD_ARGUMENT', `--mouth-from ${clipPath}: not a video clip; give a few seconds of the person talking to the camera.`, clipPath);
  }
  const clip = { path: clipPath, width: info.width, height: info.height, fps: info.fps ?? 25, durationSec: info.durationSec ?? 1 };
  const { bank } = await trackMouthBank(deps, clip, 0, options);
  if (bank.entries.length < MIN_MOUTH_REFERENCE_FRAMES) {
    throw new InputError(
      'NO_FACE',
      `--mouth-from ${clipPath}: a face facing the camera is visible in only ${bank.entries.length} frames; the personal mouth needs a clip of the person talking to the camera (at least ${MIN_MOUTH_REFERENCE_FRAMES} frames).`,
      clipPath,
    );
  }
  return bank;
}
