/** The render queue: persisted in the library's renders table, one job at a time, cancellable, resumable. */
export { createRenderQueue, RenderQueueError, type RenderJobState, type RenderQueue, type RenderQueueDeps, type RenderQueueLibrary } from './render-queue.js';
export {
  batchItemSpecSchema, CAPTION_CHOICES, isBatchItemSpec, renderJobSpecSchema, studioRenderSpecSchema,
  type BatchItemSpec, type CaptionChoice, type RenderClipSpec, type RenderJob, type RenderJobSpec, type RenderRunner, type StudioRenderSpec,
} from './render-job.js';
export { estimateBatchProgress, estimateBatchProgressFromCounts, measureEndedPerSec, THROUGHPUT_SPAN, type BatchCounts, type BatchProgress } from './batch-progress.js';
export { createTalkingVideoRunner, toTalkingVideoRequest } from './talking-video-runner.js';
export { createJobPreview, type JobPreview } from './job-preview.js';
