/**
 * Structural similarity (Wang, Bovik, Sheikh & Simoncelli 2004) of two equally sized luma planes, with the
 * usual 11-tap Gaussian window (σ = 1.5) and constants for 8-bit values.
 */
import { lumaAt, type RgbaImage } from '../media/rgba-image.js';

export interface LumaPlane {
  width: number;
  height: number;
  /** 0..255, row-major. */
  data: Float32Array;
}

const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;
const WINDOW_SIGMA = 1.5;
const WINDOW_RADIUS = 5;

/** BT.601 luma of an RGBA picture. */
export function lumaOf(image: RgbaImage): LumaPlane {
  const data = new Float32Array(image.width * image.height);
  for (let i = 0; i < data.length; i++) data[i] = lumaAt(image.data, i * 4);
  return { width: image.width, height: image.height, data };
}

function gaussianKernel(): Float32Array {
  const kernel = new Float32Array(2 * WINDOW_RADIUS + 1);
  let sum = 0;
  for (let k = -WINDOW_RADIUS; k <= WINDOW_RADIUS; k++) {
    kernel[k + WINDOW_RADIUS] = Math.exp(-(k * k) / (2 * WINDOW_SIGMA * WINDOW_SIGMA));
    sum += kernel[k + WINDOW_RADIUS];
  }
  return kernel.map((v) => v / sum);
}

const KERNEL = gaussianKernel();

/** Separable Gaussian blur with edges clamped. */
function blur(values: Float32Array, width: number, height: number): Float32Array {
  const rows = new Float32Array(values.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = -WINDOW_RADIUS; k <= WINDOW_RADIUS; k++) {
        sum += KERNEL[k + WINDOW_RADIUS] * values[y * width + Math.min(width - 1, Math.max(0, x + k))];
      }
      rows[y * width + x] = sum;
    }
  }
  const out = new Float32Array(values.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = -WINDOW_RADIUS; k <= WINDOW_RADIUS; k++) {
        sum += KERNEL[k + WINDOW_RADIUS] * rows[Math.min(height - 1, Math.max(0, y + k)) * width + x];
      }
      out[y * width + x] = sum;
    }
  }
  return out;
}

/** Mean SSIM over the plane, 1 for identical planes, lower as structure, contrast or brightness differ. */
export function meanSsim(a: LumaPlane, b: LumaPlane): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`meanSsim: planes differ in size (${a.width}×${a.height} vs ${b.width}×${b.height})`);
  }
  const { width, height } = a;
  const n = width * height;
  const aa = new Float32Array(n);
  const bb = new Float32Array(n);
  const ab = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    aa[i] = a.data[i] * a.data[i];
    bb[i] = b.data[i] * b.data[i];
    ab[i] = a.data[i] * b.data[i];
  }
  const muA = blur(a.data, width, height);
  const muB = blur(b.data, width, height);
  const sAA = blur(aa, width, height);
  const sBB = blur(bb, width, height);
  const sAB = blur(ab, width, height);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const varA = sAA[i] - muA[i] * muA[i];
    const varB = sBB[i] - muB[i] * muB[i];
    const cov = sAB[i] - muA[i] * muB[i];
    total +=
      ((2 * muA[i] * muB[i] + C1) * (2 * cov + C2)) / ((muA[i] * muA[i] + muB[i] * muB[i] + C1) * (varA + varB + C2));
  }
  return total / n;
}
