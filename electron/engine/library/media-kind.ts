import path from 'node:path';
import { InputError } from '../errors.js';
import type { ImportFileInput, MediaKind, ProbeMedia, ProbeResult } from './library-types.js';

const extensionKinds: Record<string, MediaKind> = {
  '.png': 'image', '.jpg': 'image', '.jpeg': 'image', '.webp': 'image', '.bmp': 'image', '.tif': 'image', '.tiff': 'image',
  '.mp4': 'video', '.m4v': 'video', '.mov': 'video', '.mkv': 'video', '.webm': 'video', '.avi': 'video', '.mpg': 'video', '.mpeg': 'video',
  '.wav': 'audio', '.mp3': 'audio', '.m4a': 'audio', '.aac': 'audio', '.ogg': 'audio', '.oga': 'audio', '.opus': 'audio', '.flac': 'audio',
  '.txt': 'text',
};

/** What a file will become in the library, and what probing learnt about it. */
export interface ImportPlan {
  entryKind: 'face' | 'voice' | 'script';
  mediaKind: MediaKind;
  durationSec: number | null;
  width: number | null;
  height: number | null;
}

/** The media kind the extension suggests, or null when Mouthpiece does not know it. */
export function guessKindFromExtension(filePath: string): MediaKind | null {
  return extensionKinds[path.extname(filePath).toLowerCase()] ?? null;
}

async function probeFile({ filePath, probe }: { filePath: string; probe?: ProbeMedia }): Promise<ProbeResult | null> {
  if (!probe) return null;
  try {
    return await probe(filePath);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('UNREADABLE_MEDIA', `${path.basename(filePath)} could not be read as a photo, video or recording.`, filePath);
  }
}

/**
 * Decides what a file becomes: text files become scripts; otherwise the probe (or, without one, the extension)
 * says image/video → face, audio → voice. `kind` overrides where it makes sense (a video's soundtrack as a voice);
 * impossible overrides (a recording as a face) are refused.
 */
export async function planImport({ filePath, kind, probe }: Pick<ImportFileInput, 'filePath' | 'kind'> & { probe?: ProbeMedia }): Promise<ImportPlan> {
  const fileName = path.basename(filePath);
  const guessed = guessKindFromExtension(filePath);
  if (kind === 'script' || (guessed === 'text' && kind === undefined)) {
    if (guessed !== 'text') throw new InputError('BAD_ARGUMENT', `${fileName} is not a .txt file, so it cannot become a script.`, filePath);
    return { entryKind: 'script', mediaKind: 'text', durationSec: null, width: null, height: null };
  }
  if (guessed === 'text') throw new InputError('BAD_ARGUMENT', `${fileName} is a text file: it can only become a script.`, filePath);
  const probed = await probeFile({ filePath, probe });
  const mediaKind = probed?.kind ?? guessed;
  if (mediaKind === null) {
    throw new InputError('UNREADABLE_MEDIA', `${fileName} is not a photo, video, recording or .txt script that Mouthpiece can import.`, filePath);
  }
  const entryKind = kind ?? (mediaKind === 'audio' ? 'voice' : 'face');
  if (entryKind === 'face' && mediaKind === 'audio') {
    throw new InputError('BAD_ARGUMENT', `${fileName} is a sound recording: it can be a voice, not a face.`, filePath);
  }
  if (entryKind === 'voice' && mediaKind === 'image') {
    throw new InputError('BAD_ARGUMENT', `${fileName} is a still picture: it has no sound to use as a voice.`, filePath);
  }
  return {
    entryKind,
    mediaKind,
    durationSec: probed?.durationSec ?? null,
    width: probed?.width ?? null,
    height: probed?.height ?? null,
  };
}
