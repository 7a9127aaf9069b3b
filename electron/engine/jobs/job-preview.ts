import type { FfmpegTools } from '../media/index.js';
import type { SessionPool } from '../models/session-pool.js';
import { createPreviewRenderer, type PreviewFrame } from '../render/preview-renderer.js';
import type { StudioRenderSpec } from './render-job.js';
import { toTalkingVideoRequest } from './talking-video-runner.js';

export interface JobPreview {
  /** The frame at `timeSec` of what the job would render, the whole picture at most `maxSide` pixels a side. */
  frame(spec: StudioRenderSpec, at: { timeSec: number; maxSide: number }): Promise<PreviewFrame>;
  close(): Promise<void>;
}

/** Preview frames of a render job, drawn by the export's engine from the same request the runner renders. */
export function createJobPreview(deps: { tools: FfmpegTools; pool: SessionPool }): JobPreview {
  const renderer = createPreviewRenderer(deps);
  return {
    frame: (spec, at) => renderer.frame(toTalkingVideoRequest(spec), at),
    close: () => renderer.close(),
  };
}
