import { open, stat } from 'node:fs/promises';
import { EngineError, InputError } from '../errors.js';
import { readStderrTail, runFfprobe } from './ffmpeg-adapter.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { readJpegExifOrientation } from './image-orientation.js';
import { interpretProbe, type MediaInfo } from './media-info.js';
import { recalledProbe, rememberProbe } from './probe-memo.js';

export type { MediaInfo } from './media-info.js';

/** EXIF sits in the first segments of a JPEG; 256 KiB covers even files with large embedded thumbnails. */
const EXIF_SCAN_BYTES = 256 * 1024;

/**
 * Describes a media file. Throws InputError FILE_NOT_FOUND when it does not exist and UNREADABLE_MEDIA
 * (`<file>: <reason>`) when ffprobe cannot make sense of it.
 */
export async function probeMedia(tools: FfmpegTools, filePath: string, options: { signal?: AbortSignal } = {}): Promise<MediaInfo> {
  const file = await statMediaFile(filePath);
  const recalled = recalledProbe(tools, filePath, file);
  if (recalled) return recalled;
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
  const info = interpretProbe({ filePath, sizeBytes: file.sizeBytes, probe, exifOrientation });
  rememberProbe(tools, filePath, file, info);
  return info;
}

async function statMediaFile(filePath: string): Promise<{ sizeBytes: number; mtimeMs: number }> {
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
  return { sizeBytes: info.size, mtimeMs: info.mtimeMs };
}

/** Why ffprobe could not read the file, in a creator's words (its own words are about demuxers and atoms). */
function describeProbeFailure(error: EngineError, _filePath: string): string {
  const said = readStderrTail(error).join(' ');
  // A cut MP4 and random bytes named .mp4 both lack the index ("moov atom"): either way the file is not whole.
  if (/moov atom not found|end of file|truncat|premature|partial file/i.test(said)) return 'the file is damaged or incomplete (cut off while it was copied or downloaded?); use a complete copy of it.';
  return 'not a picture, recording or video that Mouthpiece can read (the file is damaged, or of another kind).';
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
