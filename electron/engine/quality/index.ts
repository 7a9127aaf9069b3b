/** The quality suite: figures measured on a rendered video (lip-sync lag and peak, closure on b/p/m, identity kept outside the mouth, liveliness, speed). */
export { assessVideo, type AssessVideoInput, type VideoQuality } from './assess-video.js';
export { measureVideo, seriesOf, type FrameMeasure, type FrameVisitor, type MeasureVideoOptions, type VideoMeasurement } from './measure-video.js';
export { decodeMonoPcm, frameEnvelope, buildDecodeMonoPcmArgs } from './audio-envelope.js';
export { measureLipSync, measureArticulation, isBilabial, isOpenVowel, type LipSyncResult, type ArticulationResult } from './lip-sync.js';
export { createIdentityCheck, compareUpperFace, type IdentitySummary } from './identity.js';
export { countBlinks, createFreezeCheck, measurePeriodicity, summariseFreezes } from './life.js';
export { buildContactSheet, writeContactSheet, evenlySpacedFrames } from './contact-sheet.js';
export { lumaOf, meanSsim, type LumaPlane } from './ssim.js';
