import { describe, expect, it } from 'vitest';
import { readJpegExifOrientation, toClockwiseRotation, toDisplayOrientation } from './image-orientation.js';

/** A JPEG head: SOI, an APP0/JFIF segment, an APP1/Exif segment with one IFD0 entry, then SOS. */
function jpegWithOrientation(orientation: number, byteOrder: 'II' | 'MM', tagType = 3): Uint8Array {
  const little = byteOrder === 'II';
  // TIFF header (8) + entry count (2) + two 12-byte entries + next-IFD offset (4)
  const bytes = new Uint8Array(38);
  const tiff = new DataView(bytes.buffer);
  tiff.setUint16(0, little ? 0x4949 : 0x4d4d);
  tiff.setUint16(2, 42, little);
  tiff.setUint32(4, 8, little);
  tiff.setUint16(8, 2, little);
  tiff.setUint16(10, 0x010f, little); // Make, an unrelated tag first
  tiff.setUint16(12, 2, little);
  tiff.setUint16(22, 0x0112, little); // Orientation
  tiff.setUint16(24, tagType, little);
  tiff.setUint32(26, 1, little);
  if (tagType === 3) tiff.setUint16(30, orientation, little);
  else tiff.setUint32(30, orientation, little);
  const exif = [...'Exif'].map((c) => c.charCodeAt(0)).concat([0, 0], Array.from(bytes));
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const app1 = [0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff, ...exif];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...app1, 0xff, 0xda, 0x00, 0x02]);
}

describe('readJpegExifOrientation', () => {
  it('reads the Orientation tag in both byte orders and as SHORT or LONG', () => {
    expect(readJpegExifOrientation(jpegWithOrientation(6, 'II'))).toBe(6);
    expect(readJpegExifOrientation(jpegWithOrientation(8, 'MM'))).toBe(8);
    expect(readJpegExifOrientation(jpegWithOrientation(3, 'MM', 4))).toBe(3);
  });

  it('returns null for a JPEG without EXIF, a non-JPEG, truncated data and out-of-range values', () => {
    expect(readJpegExifOrientation(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBeNull();
    expect(readJpegExifOrientation(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull();
    expect(readJpegExifOrientation(jpegWithOrientation(6, 'II').subarray(0, 30))).toBeNull();
    expect(readJpegExifOrientation(jpegWithOrientation(9, 'II'))).toBeNull();
  });
});

describe('toDisplayOrientation', () => {
  it('maps the 8 EXIF orientations to mirror-then-rotate-clockwise', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((o) => toDisplayOrientation(o))).toEqual([
      { rotationDeg: 0, mirrored: false },
      { rotationDeg: 0, mirrored: true },
      { rotationDeg: 180, mirrored: false },
      { rotationDeg: 180, mirrored: true },
      { rotationDeg: 270, mirrored: true },
      { rotationDeg: 90, mirrored: false },
      { rotationDeg: 90, mirrored: true },
      { rotationDeg: 270, mirrored: false },
    ]);
    expect(toDisplayOrientation(null)).toEqual({ rotationDeg: 0, mirrored: false });
  });
});

describe('toClockwiseRotation', () => {
  it('negates the counter-clockwise display-matrix angle ffprobe prints', () => {
    // ffprobe 2023 printed `rotation: 90` for a file the 2018 ffmpeg describes as `rotate: 270`.
    expect(toClockwiseRotation({ sideDataRotationDeg: 90 })).toBe(270);
    expect(toClockwiseRotation({ sideDataRotationDeg: -90 })).toBe(90);
    expect(toClockwiseRotation({ sideDataRotationDeg: 180 })).toBe(180);
    expect(toClockwiseRotation({ sideDataRotationDeg: -180 })).toBe(180);
    expect(toClockwiseRotation({})).toBe(0);
  });

  it('prefers the clockwise rotate tag of older ffprobe builds and snaps to quarter turns', () => {
    expect(toClockwiseRotation({ rotateTag: 270, sideDataRotationDeg: 90 })).toBe(270);
    expect(toClockwiseRotation({ rotateTag: 89.6 })).toBe(90);
    expect(toClockwiseRotation({ rotateTag: 450 })).toBe(90);
  });
});
