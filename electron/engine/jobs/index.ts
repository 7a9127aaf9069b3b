/** The render queue: persisted in the library's renders table, one job at a time, cancellable, resumable. */
export { createRenderQueue, RenderQueueError, type RenderJobState, type RenderQueue, type RenderQueueDeps, type RenderQueueLibrary } from './render-queue.js';
export { renderJobSpecSchema, RENDER_PRESETS, type RenderClipSpec, type RenderJob, type RenderJobSpec, type RenderPreset, type RenderRunner } from './render-job.js';
export { createTalkingVideoRunner, toTalkingVideoRequest } from './talking-video-runner.js';
export { createJobPreview, type JobPreview } from './job-preview.js';
