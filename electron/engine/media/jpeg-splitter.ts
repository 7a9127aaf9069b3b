/**
 * Cuts a byte stream of back-to-back JPEG pictures (ffmpeg's `image2pipe` MJPEG output) into whole pictures. It
 * follows the marker structure rather than searching for the end marker's two bytes, which may also occur inside
 * a header segment: segments are skipped by their length, and after start-of-scan the entropy-coded data runs to
 * the first 0xFF that is neither a stuffed 0x00 nor a restart marker.
 */
const MARKER = 0xff;
const START_OF_IMAGE = 0xd8;
const END_OF_IMAGE = 0xd9;
const START_OF_SCAN = 0xda;
const STUFFED_ZERO = 0x00;
const isRestartMarker = (code: number) => code >= 0xd0 && code <= 0xd7;
const hasNoLength = (code: number) => code === 0x01 || isRestartMarker(code);

export interface JpegSplitter {
  push(chunk: Buffer): void;
}

export function createJpegSplitter(onPicture: (jpeg: Buffer) => void): JpegSplitter {
  let pending: Buffer = Buffer.alloc(0);
  return {
    push(chunk) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (let end = findPictureEnd(pending); end > 0; end = findPictureEnd(pending)) {
        onPicture(Buffer.from(pending.subarray(0, end)));
        pending = pending.subarray(end);
      }
    },
  };
}

/** The length of the first whole picture at the start of `bytes`, or 0 when it is not all there yet. */
function findPictureEnd(bytes: Buffer): number {
  if (bytes.length < 4) return 0;
  if (bytes[0] !== MARKER || bytes[1] !== START_OF_IMAGE) throw new Error('The JPEG stream is out of step: a picture does not start with its start-of-image marker.');
  let at = 2;
  while (at + 2 <= bytes.length) {
    if (bytes[at] !== MARKER) throw new Error(`The JPEG stream is out of step: no marker at byte ${at}.`);
    const code = bytes[at + 1];
    if (code === MARKER) {
      at += 1; // fill byte
      continue;
    }
    if (code === END_OF_IMAGE) return at + 2;
    if (hasNoLength(code)) {
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) return 0;
    const segmentEnd = at + 2 + bytes.readUInt16BE(at + 2);
    if (code !== START_OF_SCAN) {
      at = segmentEnd;
      continue;
    }
    at = scanEntropyData(bytes, segmentEnd);
    if (at < 0) return 0;
  }
  return 0;
}

/** Where the marker after the entropy-coded data starting at `from` begins, or -1 when it has not arrived. */
function scanEntropyData(bytes: Buffer, from: number): number {
  for (let at = bytes.indexOf(MARKER, from); at >= 0 && at + 1 < bytes.length; at = bytes.indexOf(MARKER, at + 1)) {
    const next = bytes[at + 1];
    if (next !== STUFFED_ZERO && !isRestartMarker(next)) return at;
  }
  return -1;
}
