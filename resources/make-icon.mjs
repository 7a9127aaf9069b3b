// Draws resources/icon.png (512×512): a white speech bubble holding a speaking mouth, on a coral-to-raspberry tile.
// Only node:zlib is used (no image libraries): shapes are signed distances, antialiased by 4×4 supersampling.
// Run: node resources/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4;

const TOP = [255, 112, 86];
const BOTTOM = [204, 36, 98];
const BUBBLE = [255, 250, 246];
const LIP = [214, 40, 92];
const MOUTH = [64, 10, 34];
const TEETH = [255, 255, 255];

/** Signed distance to a rounded rectangle centred at (cx, cy) with half-size (hx, hy) and corner radius r. */
function roundedRect(x, y, cx, cy, hx, hy, r) {
  const qx = Math.abs(x - cx) - hx + r;
  const qy = Math.abs(y - cy) - hy + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Inside test for a triangle (a, b, c), by the sign of the three edge functions. */
function inTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const d1 = (x - bx) * (ay - by) - (ax - bx) * (y - by);
  const d2 = (x - cx) * (by - cy) - (bx - cx) * (y - cy);
  const d3 = (x - ax) * (cy - ay) - (cx - ax) * (y - ay);
  const negative = d1 < 0 || d2 < 0 || d3 < 0;
  const positive = d1 > 0 || d2 > 0 || d3 > 0;
  return !(negative && positive);
}

const MOUTH_X = 256;
const MOUTH_Y = 214;
const MOUTH_HALF_WIDTH = 112;

/** Which part of the mouth (x, y) falls in: 'lip', 'teeth', 'inside' or null. */
function mouthPart(x, y) {
  const u = (x - MOUTH_X) / MOUTH_HALF_WIDTH;
  if (Math.abs(u) >= 1) return null;
  const v = y - MOUTH_Y;
  const span = 1 - u * u;
  // Upper lip: a cupid's bow (two peaks, a dip in the middle) over a gently arched inner edge.
  const upperOuter = -44 * span ** 0.75 + 13 * Math.exp(-((u / 0.16) ** 2));
  const upperInner = -8 * span;
  const lowerInner = 42 * span ** 0.9;
  const lowerOuter = 74 * span ** 0.6;
  if (v < upperOuter || v > lowerOuter) return null;
  if (v <= upperInner || v >= lowerInner) return 'lip';
  if (v <= upperInner + 11 * span ** 0.8 && Math.abs(u) < 0.78) return 'teeth';
  return 'inside';
}

function colourAt(x, y) {
  const tile = roundedRect(x, y, 256, 256, 240, 240, 108);
  if (tile > 0) return null;
  const t = y / SIZE;
  let colour = TOP.map((top, i) => top + (BOTTOM[i] - top) * t);
  const bubble = roundedRect(x, y, 256, 232, 176, 130, 112) <= 0 || inTriangle(x, y, [150, 320], [232, 350], [112, 430]);
  if (bubble) colour = BUBBLE;
  const part = bubble ? mouthPart(x, y) : null;
  if (part === 'lip') colour = LIP;
  else if (part === 'teeth') colour = TEETH;
  else if (part === 'inside') colour = MOUTH;
  return colour;
}

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const colour = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        if (!colour) continue;
        for (let i = 0; i < 3; i++) sum[i] += colour[i];
        sum[3] += 1;
      }
    }
    const offset = (py * SIZE + px) * 4;
    const coverage = sum[3];
    for (let i = 0; i < 3; i++) rgba[offset + i] = coverage ? Math.round(sum[i] / coverage) : 0;
    rgba[offset + 3] = Math.round((255 * coverage) / (SAMPLES * SAMPLES));
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // colour type: RGBA
// Each scanline starts with filter type 0 (none).
const scanlines = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) rgba.copy(scanlines, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(scanlines, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const target = new URL('./icon.png', import.meta.url);
writeFileSync(target, png);
console.log(`wrote ${target.pathname} (${png.length} bytes)`);
