import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FfmpegTools } from '../../engine/media/index.js';

/** Longest side of a library thumbnail, in pixels (sharp at twice the size the library list shows them). */
export const THUMBNAIL_MAX_SIDE = 256;
const THUMBNAIL_NAME = /^([0-9a-f]{64})\.png$/;
const PICTURE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp', '.bmp', '.tif', '.tiff']);
const VIDEO_EXTENSIONS = new Set(['.mp4', '.m4v', '.mov', '.mkv', '.webm', '.avi', '.mpg', '.mpeg']);

export interface ThumbnailStore {
  /** `<sha256>.png`, the name a stored picture or video's thumbnail is asked for by. */
  nameFor(sha256: string): string;
  /**
   * The thumbnail file for a name from a URL, made on first request from the stored original (upright, at most
   * THUMBNAIL_MAX_SIDE a side; a video's first frame). Null for names that are not ours or have no picture behind them.
   */
  resolve(name: string): Promise<string | null>;
}

/**
 * Thumbnails of the library's faces in `<libraryDir>/thumbnails/` (outside the media store, which the library sweeps
 * of files it does not know). Like the store they are named by content, so they never go stale.
 */
export function createThumbnailStore({ libraryDir, tools }: { libraryDir: string; tools: () => Promise<FfmpegTools> }): ThumbnailStore {
  const dir = path.join(libraryDir, 'thumbnails');
  const mediaDir = path.join(libraryDir, 'media');
  const inFlight = new Map<string, Promise<string | null>>();

  async function findOriginal(sha256: string): Promise<string | null> {
    const names = await readdir(path.join(mediaDir, sha256.slice(0, 2))).catch(() => [] as string[]);
    const name = names.find((candidate) => candidate.startsWith(sha256) && path.parse(candidate).name === sha256);
    return name ? path.join(mediaDir, sha256.slice(0, 2), name) : null;
  }

  async function make(sha256: string, target: string): Promise<string | null> {
    const original = await findOriginal(sha256);
    const ext = original ? path.extname(original).toLowerCase() : '';
    if (!original || !(PICTURE_EXTENSIONS.has(ext) || VIDEO_EXTENSIONS.has(ext))) return null;
    const { decodeImage, decodeVideoFrame, writePng } = await import('../../engine/media/index.js');
    const ffmpeg = await tools();
    try {
      const { image } = PICTURE_EXTENSIONS.has(ext)
        ? await decodeImage(ffmpeg, original, { maxSide: THUMBNAIL_MAX_SIDE })
        : await decodeVideoFrame(ffmpeg, original, { maxSide: THUMBNAIL_MAX_SIDE });
      await writePng(ffmpeg, image, target);
      return target;
    } catch {
      return null;
    }
  }

  return {
    nameFor: (sha256) => `${sha256}.png`,
    async resolve(name) {
      const match = THUMBNAIL_NAME.exec(name);
      if (!match) return null;
      const target = path.join(dir, name);
      if ((await stat(target).catch(() => null))?.isFile()) return target;
      const pending = inFlight.get(name) ?? make(match[1], target).finally(() => inFlight.delete(name));
      inFlight.set(name, pending);
      return pending;
    },
  };
}
