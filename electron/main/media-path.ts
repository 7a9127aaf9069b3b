import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { MEDIA_HOST, MEDIA_SCHEME } from './protocol-schemes';

/** A raw `..` or `.` path segment, literal or percent-encoded, anywhere in the URL's path. */
const RAW_DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?=\/|\?|#|$)/i;
/** Characters a single path segment may not contain once decoded: separators of any platform, drive colons, NUL. */
const UNSAFE_IN_SEGMENT = /[/\\:\0]/;

/**
 * Maps a `mouthpiece-media://library/<relative path>` URL to the file it names inside `mediaRoot`, or null when the
 * URL is anything else: another scheme or host, credentials or a port, a dot segment (plain or `%2e`-encoded),
 * an encoded separator (`%2f`, `%5c`), a drive letter, NUL, an empty segment (`//etc`), or a path that would resolve
 * outside the root. Pure: it does not touch the disk (symlinks are checked by `resolveRealPathWithin`).
 */
export function resolveMediaRequest(url: string, mediaRoot: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${MEDIA_SCHEME}:` || parsed.hostname.toLowerCase() !== MEDIA_HOST) return null;
  if (parsed.username || parsed.password || parsed.port) return null;
  const afterHost = url.slice(url.indexOf('//') + 2);
  const rawPath = afterHost.slice(afterHost.indexOf('/') >= 0 ? afterHost.indexOf('/') : afterHost.length);
  if (RAW_DOT_SEGMENT.test(rawPath)) return null;
  return resolveContainedPath(mediaRoot, parsed.pathname);
}

/**
 * Joins a URL pathname (`/a/b%20c.jpg`) onto `root`, segment by segment, refusing anything that could leave the root.
 * Shared by the media protocol and the app protocol that serves the renderer's files.
 */
export function resolveContainedPath(root: string, urlPathname: string): string | null {
  if (!path.isAbsolute(root) || !urlPathname.startsWith('/')) return null;
  const segments: string[] = [];
  for (const raw of urlPathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.' || segment === '..' || UNSAFE_IN_SEGMENT.test(segment)) return null;
    segments.push(segment);
  }
  const resolvedRoot = path.resolve(root);
  const target = path.resolve(resolvedRoot, ...segments);
  return isStrictlyInside(resolvedRoot, target) ? target : null;
}

/**
 * Follows symlinks on both sides and confirms the real file is still inside the real root; null when it is not,
 * or when the file does not exist. Call it right before opening the file.
 */
export async function resolveRealPathWithin(root: string, target: string): Promise<string | null> {
  try {
    const [realRoot, realTarget] = await Promise.all([realpath(root), realpath(target)]);
    return isStrictlyInside(realRoot, realTarget) ? realTarget : null;
  } catch {
    return null;
  }
}

/** The path of a file inside `mediaRoot` as URL segments, each encoded (`ab/cd%20e.png`); null for a file outside it. */
export function encodeMediaPath(filePath: string, mediaRoot: string): string | null {
  const root = path.resolve(mediaRoot);
  const target = path.resolve(filePath);
  if (!isStrictlyInside(root, target)) return null;
  return path.relative(root, target).split(path.sep).map(encodeURIComponent).join('/');
}

/** The `mouthpiece-media://` URL of a file inside `mediaRoot`, or null for a file outside it. */
export function toMediaUrl(filePath: string, mediaRoot: string): string | null {
  const encoded = encodeMediaPath(filePath, mediaRoot);
  return encoded === null ? null : `${MEDIA_SCHEME}://${MEDIA_HOST}/${encoded}`;
}

/** Whether `target` lies below `root` (not `root` itself); both must already be resolved the same way. */
export function isStrictlyInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
