/** The media module: ffmpeg/ffprobe resolution, probing, frames in and out. */
export { resolveFfmpegTools, type FfmpegTools, type ResolveFfmpegToolsOptions } from './ffmpeg-tools.js';
export { probeMedia } from './probe-media.js';
export type { MediaInfo } from './media-info.js';
export { decodeImage, decodeVideoFrame, type DecodedImage, type DecodeImageOptions } from './decode-image.js';
export { readVideoFrames, type ReadVideoFramesOptions, type VideoFrame } from './video-frames.js';
export { encodeVideo, type EncodeVideoInput, type EncodeVideoResult } from './encode-video.js';
export { writePng } from './write-png.js';
export { fitWithinMaxSide, MAX_IMAGE_MEGAPIXELS, MAX_IMAGE_SIDE_PX } from './frame-size.js';
export { createRgbaImage, type RgbaImage } from './rgba-image.js';
export {
  buildDecodeRgbaArgs,
  buildEncodeRgbaArgs,
  buildPngFromRgbaArgs,
  buildProbeArgs,
  X264_PRESETS,
  type DisplayOrientation,
  type X264Preset,
} from './ffmpeg-args.js';
export {
  createProgressLineReader,
  parseProgressBlock,
  parseStatsLine,
  toEngineProgress,
  type FfmpegProgressSnapshot,
} from './ffmpeg-progress.js';
export { runFfmpeg, startFfmpeg, type FfmpegProcess, type StartFfmpegOptions } from './ffmpeg-adapter.js';
export { buildMixAudioArgs, type AudioMixClip, type MixAudioArgsInput } from './audio-mix-args.js';
export { mixAudioClips } from './mix-audio.js';
export { buildCutAudioArgs, type CutAudioArgsInput } from './audio-cut-args.js';
export { buildApplyLoudnessArgs, buildMeasureLoudnessArgs, parseEbur128Summary, type LoudnessMeasurement } from './loudness-args.js';
export { measureLoudness, SILENT_BELOW_LUFS } from './measure-loudness.js';
export { normalizeLoudness, type NormalizeLoudnessInput, type NormalizeLoudnessResult } from './normalize-loudness.js';
