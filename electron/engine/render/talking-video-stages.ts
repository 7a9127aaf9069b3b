/**
 * The stages a talking-video render calls, gathered in one place: speech analysis, the performance, and
 * the warp renderer. The orchestration speaks only to this object.
 */
export { generatePerformance } from '../animate/index.js';
export { analyzeSpeech, decodeAudio, synthesizeSpeech, writeWavFile } from '../speech/index.js';
export { createFaceRig, type FaceRig } from './face-rig.js';
export { renderFrame } from './render-frame.js';
