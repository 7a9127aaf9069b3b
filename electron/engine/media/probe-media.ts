import { open, stat } from 'node:fs/promises';
import { EngineError, InputError } from '../errors.js';
import { readStderrTail, runFfprobe } from './ffmpeg-adapter.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { readJpegExifOrientation } from './image-orientation.js';
import { DAMAGED_FILE, interpretProbe, type MediaInfo } from './media-info.js';

export type { MediaInfo } from './media-info.js';

/** EXIF sits in the first segments of a JPEG; 256 KiB covers even files with large embedded thumbnails. */
const EXIF_SCAN_BYTES = 256 * 1024;

/**
 * Describes a media file. Throws InputError FILE_NOT_FOUND when it does not exist and UNREADABLE_MEDIA
 * (`<file>: <reason>`) when ffprobe cannot make sense of it.
 */
export async function probeMedia(tools: FfmpegTools, filePath: string, options: { signal?: AbortSignal } = {}): Promise<MediaInfo> {
  const sizeBytes = await statMediaFile(filePath);
  let probe: unknown;
  try {
    probe = await runFfprobe({ tools, inputPath: filePath, signal: options.signal });
  } catch (error) {
    if (error instanceof EngineError && error.code === 'FFMPEG_FAILED') {
      throw new InputError('UNREADABLE_MEDIA', `${filePath}: ${describeProbeFailure(error, filePath)}`, filePath);
    }
    throw error;
  }
  const exifOrientation = readJpegExifOrientation(await readHead(filePath, EXIF_SCAN_BYTES));
  return interpretProbe({ filePath, sizeBytes, probe, exifOrientation });
}

async function statMediaFile(filePath: string): Promise<number> {
  let info;
  try {
    info = await stat(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError('FILE_NOT_FOUND', `${filePath}: no such file.`, filePath);
    throw new InputError('UNREADABLE_MEDIA', `${filePath}: cannot be read (${code ?? String(error)}).`, filePath);
  }
  if (info.isDirectory()) throw new InputError('UNREADABLE_MEDIA', `${filePath}: is a folder, not a media file.`, filePath);
  if (info.size === 0) throw new InputError('UNREADABLE_MEDIA', `${filePath}: the file is empty.`, filePath);
  return info.size;
}

/** ffprobe's own last words, without the file name it prefixes them with. */
/** ffprobe's reason in a creator's words: ffmpeg's own ("Invalid data found when processing input") say nothing to them. */
function describeProbeFailure(error: EngineError, filePath: string): string {
  const last = readStderrTail(error).at(-1)?.trim() ?? '';
  const withoutName = last.startsWith(`${filePath}: `) ? last.slice(filePath.length + 2) : last;
  if (/permission denied/i.test(withoutName)) return 'cannot be read (permission denied).';
  return DAMAGED_FILE;
}

async function readHead(filePath: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = new Uint8Array(maxBytes);
    const { bytesRead } = await handle.read(buffer, 0, maxBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
