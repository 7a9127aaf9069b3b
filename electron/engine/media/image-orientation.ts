import type { DisplayOrientation } from './ffmpeg-args.js';

/**
 * Reads the EXIF Orientation tag (1–8) of a JPEG from its first bytes, or null when there is none.
 * Needed because neither bundled binary applies it: the 2018 ffmpeg decodes phone photos sideways, and
 * the 2023 ffprobe reports the orientation only per frame, not on the stream.
 */
export function readJpegExifOrientation(bytes: Uint8Array): number | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null; // image data starts: no EXIF before it
    const length = (bytes[offset + 2] << 8) | bytes[offset + 3];
    if (length < 2) return null;
    const start = offset + 4;
    const end = offset + 2 + length;
    if (marker === 0xe1 && end <= bytes.length && isExifHeader(bytes, start)) {
      const orientation = readTiffOrientation(bytes.subarray(start + 6, end));
      if (orientation !== null) return orientation;
    }
    offset = end;
  }
  return null;
}

function isExifHeader(bytes: Uint8Array, at: number): boolean {
  // "Exif\0\0"
  return bytes[at] === 0x45 && bytes[at + 1] === 0x78 && bytes[at + 2] === 0x69 && bytes[at + 3] === 0x66 && bytes[at + 4] === 0 && bytes[at + 5] === 0;
}

function readTiffOrientation(tiff: Uint8Array): number | null {
  if (tiff.length < 8) return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = view.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return null;
  const little = order === 0x4949;
  if (view.getUint16(2, little) !== 42) return null;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return null;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    if (view.getUint16(entry, little) !== 0x0112) continue;
    const type = view.getUint16(entry + 2, little);
    const value = type === 3 ? view.getUint16(entry + 8, little) : type === 4 ? view.getUint32(entry + 8, little) : 0;
    return value >= 1 && value <= 8 ? value : null;
  }
  return null;
}

const EXIF_TO_ORIENTATION: Record<number, DisplayOrientation> = {
  1: { rotationDeg: 0, mirrored: false },
  2: { rotationDeg: 0, mirrored: true },
  3: { rotationDeg: 180, mirrored: false },
  4: { rotationDeg: 180, mirrored: true },
  5: { rotationDeg: 270, mirrored: true },
  6: { rotationDeg: 90, mirrored: false },
  7: { rotationDeg: 90, mirrored: true },
  8: { rotationDeg: 270, mirrored: false },
};

/** EXIF orientation 1–8 as "mirror, then rotate clockwise". */
export function toDisplayOrientation(exifOrientation: number | null): DisplayOrientation {
  return EXIF_TO_ORIENTATION[exifOrientation ?? 1] ?? EXIF_TO_ORIENTATION[1];
}

/**
 * ffprobe's display-matrix `rotation` is counter-clockwise degrees; the old `rotate` tag is clockwise.
 * Returns the clockwise quarter turn needed for display.
 */
export function toClockwiseRotation(input: { sideDataRotationDeg?: number; rotateTag?: number }): 0 | 90 | 180 | 270 {
  const clockwise = input.rotateTag ?? (input.sideDataRotationDeg !== undefined ? -input.sideDataRotationDeg : 0);
  const quarter = (((Math.round(clockwise / 90) % 4) + 4) % 4) as 0 | 1 | 2 | 3;
  return ([0, 90, 180, 270] as const)[quarter];
}
