/**
 * Stair-stepping along a lip line, as a viewer sees it at the output size: the sub-pixel position of the line's edge
 * found in each column, and how much it jumps from column to column beyond a smooth curve (mean |second difference|,
 * output pixels). An anti-aliased line enlarged 4× reads about 0.04; the same line drawn in whole pixels about 0.19
 * (it steps a photo pixel, 4 output pixels, every few columns).
 */
import type { Point2 } from '../face/face-types.js';
import { lumaAt, type RgbaImage } from '../media/rgba-image.js';

export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** ffmpeg's default bicubic (a = -0.6): the encoder's own enlargement, so a crop looks as it does in the video. */
function cubic(t: number): number {
  const a = -0.6;
  const x = Math.abs(t);
  if (x < 1) return (a + 2) * x ** 3 - (a + 3) * x ** 2 + 1;
  if (x < 2) return a * x ** 3 - 5 * a * x ** 2 + 8 * a * x - 4 * a;
  return 0;
}

/** `rect` of `image` enlarged `factor` times (bicubic, pixel centres aligned as ffmpeg's scaler aligns them). */
export function upscaleCrop(image: RgbaImage, rect: CropRect, factor: number): RgbaImage {
  const width = Math.round(rect.width * factor);
  const height = Math.round(rect.height * factor);
  const data = new Uint8Array(width * height * 4);
  const rows = new Float64Array(rect.height + 4);
  for (let ox = 0; ox < width; ox++) {
    const sx = rect.x + (ox + 0.5) / factor - 0.5;
    const ix = Math.floor(sx);
    const wx = [-1, 0, 1, 2].map((k) => cubic(sx - (ix + k)));
    for (let c = 0; c < 4; c++) {
      // one column of the crop filtered horizontally, then each output pixel of that column vertically
      for (let r = -2; r < rect.height + 2; r++) {
        const y = clampInt(rect.y + r, image.height);
        let v = 0;
        for (let k = 0; k < 4; k++) v += wx[k] * image.data[(y * image.width + clampInt(ix + k - 1, image.width)) * 4 + c];
        rows[r + 2] = v;
      }
      for (let oy = 0; oy < height; oy++) {
        const sy = (oy + 0.5) / factor - 0.5;
        const iy = Math.floor(sy);
        let v = 0;
        for (let k = 0; k < 4; k++) v += cubic(sy - (iy + k - 1)) * rows[Math.min(rect.height + 3, Math.max(0, iy + k - 1 + 2))];
        data[(oy * width + ox) * 4 + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
  return { width, height, data };
}

function clampInt(v: number, size: number): number {
  return Math.max(0, Math.min(size - 1, v));
}

/** y of the polyline `line` (sorted by x) at `x`, linear between its points. */
function lineYAt(line: Point2[], x: number): number {
  if (x <= line[0][0]) return line[0][1];
  for (let i = 1; i < line.length; i++) {
    if (x <= line[i][0]) {
      const [ax, ay] = line[i - 1];
      const [bx, by] = line[i];
      return bx === ax ? by : ay + ((by - ay) * (x - ax)) / (bx - ax);
    }
  }
  return line[line.length - 1][1];
}

/**
 * Mean |second difference| of the edge's sub-pixel height from column to column along `line` (frame pixels, any
 * order), over the middle `span` of its width. The edge in each column is the centroid of the vertical luma gradient's
 * strongest peak (its part above half the peak, squared) within `windowPx` of the line on the lip's side and `mouthReachPx` (default the same) on the mouth's side
 * (`mouthSide`): teeth and their gaps just inside the opening are structure, not steps of the line. Columns whose
 * edge is much weaker than the line's typical edge are skipped. NaN when fewer than 5 columns have an edge.
 */
export function lipLineStairs(input: {
  frame: RgbaImage;
  line: Point2[];
  windowPx: number;
  mouthSide?: 'above' | 'below';
  mouthReachPx?: number;
  span?: number;
}): number {
  const { frame, windowPx } = input;
  const reach = input.mouthReachPx ?? windowPx;
  const up = input.mouthSide === 'above' ? reach : windowPx;
  const down = input.mouthSide === 'below' ? reach : windowPx;
  const line = [...input.line].sort((a, b) => a[0] - b[0]);
  const span = input.span ?? 0.7;
  const left = line[0][0];
  const right = line[line.length - 1][0];
  const margin = ((1 - span) / 2) * (right - left);
  const edges: number[] = [];
  const peaks: number[] = [];
  const luma = (x: number, y: number) => lumaAt(frame.data, (clampInt(y, frame.height) * frame.width + x) * 4);
  let sum = 0;
  let count = 0;
  for (let x = Math.ceil(left + margin); x <= Math.floor(right - margin); x++) {
    if (x < 0 || x >= frame.width) continue;
    const centre = lineYAt(line, x);
    const y0 = Math.round(centre - up);
    const y1 = Math.round(centre + down);
    let peak = 0;
    for (let y = y0; y <= y1; y++) peak = Math.max(peak, Math.abs(luma(x, y + 1) - luma(x, y - 1)) / 2);
    // only the top half of the strongest gradient counts: lip texture and weaker edges nearby do not pull it about
    let weight = 0;
    let moment = 0;
    for (let y = y0; y <= y1; y++) {
      const g = Math.max(0, Math.abs(luma(x, y + 1) - luma(x, y - 1)) / 2 - 0.5 * peak);
      weight += g * g;
      moment += g * g * y;
    }
    edges.push(peak > 4 ? moment / weight : NaN);
    peaks.push(peak);
  }
  // columns where the line has no clear edge of its own (a gap between teeth meeting the lip) are left out
  const typical = [...peaks].sort((a, b) => a - b)[peaks.length >> 1] ?? 0;
  for (let i = 0; i < edges.length; i++) if (peaks[i] < 0.6 * typical) edges[i] = NaN;
  for (let i = 1; i < edges.length - 1; i++) {
    const d = edges[i - 1] - 2 * edges[i] + edges[i + 1];
    if (Number.isNaN(d)) continue;
    sum += Math.abs(d);
    count++;
  }
  return count >= 3 ? sum / count : NaN;
}
