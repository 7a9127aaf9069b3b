/** The render queue: persisted in the library's renders table, one job at a time, cancellable, resumable. */
export { createRenderQueue, RenderQueueError, type RenderJobState, type RenderQueue, type RenderQueueDeps, type RenderQueueLibrary } from './render-queue.js';
export { presetFrameSize, renderJobSpecSchema, RENDER_PRESETS, type RenderClipSpec, type RenderJob, type RenderJobSpec, type RenderPreset, type RenderRunner } from './render-job.js';
export { createStageStillRunner, AI_DISCLOSURE } from './stage-still-runner.js';
export { buildSoundtrackArgs, collectSoundtrackClips } from './soundtrack-args.js';
