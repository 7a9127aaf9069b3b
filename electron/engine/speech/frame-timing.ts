/**
 * Video frame k shows the instant t = k / fps: a phoneme starting at t first affects frame round(t · fps),
 * so mouth motion never trails the sound.
 */
export const videoFrameCount = (durationSec: number, fps: number) => Math.max(1, Math.ceil(durationSec * fps - 1e-9));
export const frameAt = (timeSec: number, fps: number) => Math.round(timeSec * fps);
