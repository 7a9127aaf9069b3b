/**
 * The stages of other modules a talking-video render calls — speech analysis and the performance —
 * gathered in one place.
 */
export { generatePerformance } from '../animate/index.js';
export { analyzeSpeech, decodeAudio, synthesizeSpeech, writeWavFile } from '../speech/index.js';
