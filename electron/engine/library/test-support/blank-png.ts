import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function computeCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function encodeChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(computeCrc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * Writes a flat grey RGB PNG: a real picture that holds no face, for testing the no-face path with any analyser.
 * Test support only.
 */
export function writeBlankPng({ filePath, width, height, grey = 128 }: { filePath: string; width: number; height: number; grey?: number }): void {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type RGB
  const rowBytes = 1 + width * 3;
  const raw = Buffer.alloc(rowBytes * height, grey);
  for (let y = 0; y < height; y++) raw[y * rowBytes] = 0; // filter type None
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  writeFileSync(filePath, Buffer.concat([signature, encodeChunk('IHDR', header), encodeChunk('IDAT', deflateSync(raw)), encodeChunk('IEND', new Uint8Array())]));
}
