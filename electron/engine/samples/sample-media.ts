import { readFile, stat } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';

/**
 * The public-domain face and voice that ship with Mouthpiece (`resources/samples` in the repository, `resources/samples`
 * beside the app when packaged), so a first render needs nothing of the user's. The folder is injected: the CLI finds
 * it in its package, the app in its resources. Sources and licences: THIRD_PARTY.md.
 */

/** What a creator types instead of a path (`--face sample`, `--audio sample`, a manifest's `face` column). */
export const SAMPLE_KEYWORD = 'sample';

/** File names inside the samples folder. */
export const SAMPLE_FILES = {
  face: 'portrait-eileen-collins-nasa.jpg',
  voice: 'voice-ljspeech-lj001-0001.wav',
  voiceTranscript: 'voice-ljspeech-lj001-0001.txt',
} as const;

export interface SampleMedia {
  dir: string;
  facePath: string;
  voicePath: string;
  /** What the sample voice says (for alignment and captions). */
  voiceTranscript: string;
  /** Names shown to the creator (library entries, notices). */
  faceName: string;
  voiceName: string;
  /** Both samples are in the public domain: nobody's consent is needed to animate or voice them. */
  license: 'public domain';
}

export const SAMPLE_FACE_NAME = 'Sample face: astronaut Eileen Collins (NASA, public domain)';
export const SAMPLE_VOICE_NAME = 'Sample voice: LJ Speech (public domain)';

/** Reads the samples folder; a missing file is an InputError naming it (the install is incomplete). */
export async function loadSampleMedia(samplesDir: string): Promise<SampleMedia> {
  const dir = path.resolve(samplesDir);
  const facePath = path.join(dir, SAMPLE_FILES.face);
  const voicePath = path.join(dir, SAMPLE_FILES.voice);
  const transcriptPath = path.join(dir, SAMPLE_FILES.voiceTranscript);
  for (const file of [facePath, voicePath, transcriptPath]) {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new InputError('FILE_NOT_FOUND', `${file}: the bundled sample is missing; reinstall Mouthpiece, or name your own file instead of "${SAMPLE_KEYWORD}".`, file);
  }
  const voiceTranscript = (await readFile(transcriptPath, 'utf8')).trim();
  return { dir, facePath, voicePath, voiceTranscript, faceName: SAMPLE_FACE_NAME, voiceName: SAMPLE_VOICE_NAME, license: 'public domain' };
}

/** True when a face/audio value names the bundled sample rather than a file. */
export function isSampleKeyword(value: string | undefined | null): boolean {
  return typeof value === 'string' && value.trim().toLowerCase() === SAMPLE_KEYWORD;
}

/**
 * The file a face or audio value names: the sample for `sample`, else the path resolved against `baseDir`. A value of
 * `sample` when no samples folder was given is an InputError (rather than a confusing "no such file: sample").
 */
export function resolveMediaValue(input: { value: string; kind: 'face' | 'audio'; baseDir: string; samples?: SampleMedia; origin?: string }): string {
  if (!isSampleKeyword(input.value)) return path.resolve(input.baseDir, input.value);
  if (!input.samples) throw new InputError('BAD_ARGUMENT', `${input.origin ?? input.value}: the bundled samples are not available here; name a file instead of "${SAMPLE_KEYWORD}".`);
  return input.kind === 'face' ? input.samples.facePath : input.samples.voicePath;
}

/** True when the file (after following links) lies inside the samples folder: a public-domain likeness or voice. */
export function isSampleFile(filePath: string, samplesDir: string): boolean {
  try {
    const real = realpathSync(filePath);
    const dir = realpathSync(samplesDir);
    const relative = path.relative(dir, real);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  } catch {
    return false;
  }
}
