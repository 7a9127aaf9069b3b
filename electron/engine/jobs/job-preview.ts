import { encodePng } from '../media/encode-png.js';
import type { FfmpegTools } from '../media/index.js';
import { createJpegFrameEncoder } from '../media/jpeg-frame-encoder.js';
import type { SessionPool } from '../models/session-pool.js';
import { createPreviewRenderer, type PreviewPatch } from '../render/preview-renderer.js';
import type { StudioRenderSpec } from './render-job.js';
import { toTalkingVideoRequest } from './talking-video-runner.js';

/** `still`: exact pixels (PNG) for a paused stage; `playback`: a small JPEG the page decodes within a frame's time. */
export type PreviewQuality = 'still' | 'playback';

export interface EncodedPreviewFrame {
  bytes: Buffer;
  mimeType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  timeSec: number;
  durationSec: number;
  /** What the frame can be patched onto (see `PreviewFrame.base`); `patch`: `bytes` are only that part of it. */
  base: string | null;
  patch?: PreviewPatch;
}

export interface JobPreview {
  /**
   * The frame at `timeSec` of what the job would render, the whole picture at most `maxSide` pixels a side. During
   * playback, a caller showing a frame of `base` gets only the part that changed (a still is always whole).
   */
  frame(spec: StudioRenderSpec, at: { timeSec: number; maxSide: number; quality?: PreviewQuality; base?: string }): Promise<EncodedPreviewFrame>;
  /** Forgets every scene and stops the playback encoder. */
  close(): Promise<void>;
}

/** Preview frames of a render job, drawn by the export's engine from the same request the runner renders. */
export function createJobPreview(deps: { tools: FfmpegTools; pool: SessionPool }): JobPreview {
  const renderer = createPreviewRenderer(deps);
  const jpeg = createJpegFrameEncoder(deps);
  return {
    async frame(spec, { quality = 'still', base, ...at }) {
      const { image, ...frame } = await renderer.frame(toTalkingVideoRequest(spec), { ...at, patchOf: quality === 'playback' ? base : undefined });
      if (quality === 'still') return { ...frame, bytes: encodePng(image), mimeType: 'image/png' };
      return { ...frame, bytes: await jpeg.encode(image), mimeType: 'image/jpeg' };
    },
    close: async () => {
      await Promise.all([renderer.close(), jpeg.close()]);
    },
  };
}
