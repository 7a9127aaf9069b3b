import type { RgbaImage } from '../media/rgba-image.js';

/**
 * A 2-D affine map from output (crop) pixel coordinates to source-image coordinates:
 * src = origin + u·axisU + v·axisV, with (u, v) measured in crop pixels.
 */
export interface CropTransform {
  origin: [number, number];
  axisU: [number, number];
  axisV: [number, number];
}

/**
 * A square crop of side `sizePx` (source pixels) centred on `center`, rotated by `angleRad` (the crop's
 * x axis points along angleRad in the image), resampled to `outputPx` × `outputPx`.
 */
export function squareCropTransform(center: [number, number], sizePx: number, angleRad: number, outputPx: number): CropTransform {
  const step = sizePx / outputPx;
  const cos = Math.cos(angleRad) * step;
  const sin = Math.sin(angleRad) * step;
  const half = outputPx / 2;
  return {
    origin: [center[0] - half * cos + half * sin, center[1] - half * sin - half * cos],
    axisU: [cos, sin],
    axisV: [-sin, cos],
  };
}

export function cropToImage(t: CropTransform, u: number, v: number): [number, number] {
  return [t.origin[0] + u * t.axisU[0] + v * t.axisV[0], t.origin[1] + u * t.axisU[1] + v * t.axisV[1]];
}

/** Source pixels per crop pixel (the crop's scale). */
export function cropScale(t: CropTransform): number {
  return Math.hypot(t.axisU[0], t.axisU[1]);
}

/**
 * Fills a float NHWC RGB buffer of `outW` × `outH` by bilinear sampling through `t`, mapping each
 * channel value c (0..255) to c·scale + offset. Pixels outside the source take `outside` (in 0..255)
 * or, when `outside` is 'clamp', the nearest edge pixel.
 */
export function sampleCrop(
  image: RgbaImage,
  t: CropTransform,
  outW: number,
  outH: number,
  { scale, offset, outside = 'clamp', target, targetOffset = 0, mirror = false }: {
    scale: number;
    offset: number;
    outside?: number | 'clamp';
    target?: Float32Array;
    targetOffset?: number;
    /** Flip horizontally (the crop is read right to left). */
    mirror?: boolean;
  },
): Float32Array {
  const out = target ?? new Float32Array(outW * outH * 3);
  const { width, height, data } = image;
  const fill = outside === 'clamp' ? 0 : outside * scale + offset;
  const [ox, oy] = t.origin;
  const [ux, uy] = t.axisU;
  const [vx, vy] = t.axisV;
  const clamp = outside === 'clamp';
  if (!mirror && cropInside(t, outW, outH, width, height)) {
    sampleInside(data, width, t, outW, outH, scale, offset, out, targetOffset);
    return out;
  }
  let o = targetOffset;
  for (let v = 0; v < outH; v++) {
    for (let uu = 0; uu < outW; uu++) {
      const u = mirror ? outW - 1 - uu : uu;
      // sample at the centre of the crop pixel
      let x = ox + (u + 0.5) * ux + (v + 0.5) * vx - 0.5;
      let y = oy + (u + 0.5) * uy + (v + 0.5) * vy - 0.5;
      if (!clamp && (x < -0.5 || y < -0.5 || x > width - 0.5 || y > height - 0.5)) {
        out[o++] = fill;
        out[o++] = fill;
        out[o++] = fill;
        continue;
      }
      x = Math.min(Math.max(x, 0), width - 1);
      y = Math.min(Math.max(y, 0), height - 1);
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const x1 = Math.min(x0 + 1, width - 1);
      const y1 = Math.min(y0 + 1, height - 1);
      const fx = x - x0;
      const fy = y - y0;
      const i00 = (y0 * width + x0) * 4;
      const i10 = (y0 * width + x1) * 4;
      const i01 = (y1 * width + x0) * 4;
      const i11 = (y1 * width + x1) * 4;
      let top = data[i00] + (data[i10] - data[i00]) * fx;
      let bottom = data[i01] + (data[i11] - data[i01]) * fx;
      out[o++] = (top + (bottom - top) * fy) * scale + offset;
      top = data[i00 + 1] + (data[i10 + 1] - data[i00 + 1]) * fx;
      bottom = data[i01 + 1] + (data[i11 + 1] - data[i01 + 1]) * fx;
      out[o++] = (top + (bottom - top) * fy) * scale + offset;
      top = data[i00 + 2] + (data[i10 + 2] - data[i00 + 2]) * fx;
      bottom = data[i01 + 2] + (data[i11 + 2] - data[i01 + 2]) * fx;
      out[o++] = (top + (bottom - top) * fy) * scale + offset;
    }
  }
  return out;
}

/** Whether every sample of the crop has its 2×2 neighbourhood inside the picture (no clamping needed). */
function cropInside(t: CropTransform, outW: number, outH: number, width: number, height: number): boolean {
  for (const [u, v] of [[0.5, 0.5], [outW - 0.5, 0.5], [0.5, outH - 0.5], [outW - 0.5, outH - 0.5]]) {
    const x = t.origin[0] + u * t.axisU[0] + v * t.axisV[0] - 0.5;
    const y = t.origin[1] + u * t.axisU[1] + v * t.axisV[1] - 0.5;
    if (!(x >= 0 && y >= 0 && x < width - 1 && y < height - 1)) return false;
  }
  return true;
}

/** sampleCrop's bilinear sampling where no sample needs clamping (the common case: a face well inside the frame). */
function sampleInside(data: Uint8Array, width: number, t: CropTransform, outW: number, outH: number, scale: number, offset: number, out: Float32Array, targetOffset: number): void {
  const [ux, uy] = t.axisU;
  const [vx, vy] = t.axisV;
  const row = width * 4;
  let o = targetOffset;
  for (let v = 0; v < outH; v++) {
    let x = t.origin[0] + 0.5 * ux + (v + 0.5) * vx - 0.5;
    let y = t.origin[1] + 0.5 * uy + (v + 0.5) * vy - 0.5;
    for (let u = 0; u < outW; u++, x += ux, y += uy) {
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const fx = x - x0;
      const fy = y - y0;
      const i = y0 * row + x0 * 4;
      const j = i + row;
      for (let c = 0; c < 3; c++) {
        const top = data[i + c] + (data[i + 4 + c] - data[i + c]) * fx;
        const bottom = data[j + c] + (data[j + 4 + c] - data[j + c]) * fx;
        out[o++] = (top + (bottom - top) * fy) * scale + offset;
      }
    }
  }
}

/**
 * Box-filter downscale by an integer factor. Bilinear sampling alone aliases when shrinking a large
 * photo several times; averaging first keeps small faces detectable.
 */
export function downscaleByInteger(image: RgbaImage, factor: number): RgbaImage {
  if (factor <= 1) return image;
  const width = Math.max(1, Math.floor(image.width / factor));
  const height = Math.max(1, Math.floor(image.height / factor));
  const data = new Uint8Array(width * height * 4);
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < factor; dy++) {
        let i = ((y * factor + dy) * image.width + x * factor) * 4;
        for (let dx = 0; dx < factor; dx++, i += 4) {
          r += image.data[i];
          g += image.data[i + 1];
          b += image.data[i + 2];
        }
      }
      const o = (y * width + x) * 4;
      data[o] = r / area;
      data[o + 1] = g / area;
      data[o + 2] = b / area;
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}
