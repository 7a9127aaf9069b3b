import { createRequire } from 'node:module';

/**
 * Packages that ship an executable read it from `app.asar.unpacked` in a packaged app (electron-builder's asarUnpack):
 * a path inside the archive cannot be executed.
 */
export function toUnpackedPath(filePath: string): string {
  return filePath.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** The ffmpeg or ffprobe binary of the installer packages, or null when the package is absent for this platform. */
export function findBundledBinary(packageName: '@ffmpeg-installer/ffmpeg' | '@ffprobe-installer/ffprobe'): string | null {
  try {
    const { path } = createRequire(import.meta.url)(packageName) as { path: string };
    return toUnpackedPath(path);
  } catch {
    return null;
  }
}
