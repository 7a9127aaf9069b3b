export { generatePerformance, resolveStyle, type ResolvedStyle } from './generate-performance.js';
export { describePerformance, formatPerformanceSummary, detectBlinkFrames, detectNodFrames, type PerformanceSummary } from './describe-performance.js';
export { validatePerformanceSpec, type PerformanceSpec, type SubjectSpec, type SpeechClip, type PerformanceStyle } from './performance-spec.js';
export { estimatePhotoYawRad } from './photo-pose.js';
export { NEUTRAL_FRAME, type SubjectFrameParams, type SubjectPerformance, type MouthParams } from './performance-types.js';
