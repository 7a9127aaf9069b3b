/** The speech module: decoding to PCM, VAD, phoneme timelines (TTS, alignment, audio-only), visemes. */
export type * from './speech-types.js';
export { ARTICULATION_CHANNELS } from './speech-types.js';
export { decodeAudio, streamAudioPcm, SILENCE_PEAK_DBFS, type StreamAudioPcmOptions } from './decode-audio.js';
export { ANALYSIS_SAMPLE_RATE_HZ, buildDecodePcmArgs } from './decode-audio-args.js';
export { encodeWav, parseWav, readWavFile, writeWavFile } from './wav-file.js';
export { computeSpeechProbabilities, defaultVadModelPath, detectSpeech, SILERO_VAD_SHA256, VAD_FRAME_SAMPLES, type VadOptions } from './vad.js';
export { createSpeechSegmenter, DEFAULT_SEGMENTER_OPTIONS, type SpeechSegmenterOptions } from './speech-segmenter.js';
export { synthesizeSpeech, PITCH_RANGE, RATE_RANGE_WPM, type SynthesizedSpeech, type SynthesizeOptions } from './espeak-synth.js';
export { DEFAULT_VOICE, listVoices, resolveVoice, type VoiceInfo } from './espeak-voices.js';
export { buildTimelineFromEvents, normalizeIpa, PAUSE } from './espeak-timeline.js';
export { alignTranscript, type AlignTranscriptOptions } from './align-transcript.js';
export { buildAlignmentVectors, type AlignmentFeatureSet } from './alignment-features.js';
export { dtwBanded, mapFramesBToA, type DtwResult, type DtwSkips } from './dtw.js';
export { insertPausesAtSilences, silenceGaps } from './silence-pauses.js';
export { moveStopsToClosureOnset } from './stop-closures.js';
