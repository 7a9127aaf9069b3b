export {
  isSampleFile,
  isSampleKeyword,
  loadSampleMedia,
  resolveMediaValue,
  SAMPLE_FACE_NAME,
  SAMPLE_FILES,
  SAMPLE_KEYWORD,
  SAMPLE_VOICE_NAME,
  type SampleMedia,
} from './sample-media.js';
