/** 2-D complex FFT (rows, then columns) over fft.js; both sides are powers of two (≥ 4). */
import FFT from 'fft.js';

export class Fft2d {
  readonly re: Float64Array;
  readonly im: Float64Array;
  private readonly rows: FFT;
  private readonly cols: FFT;
  /** Interleaved complex line buffers of fft.js (re, im, re, im, …), sized for the longer side. */
  private readonly lineIn: Float64Array;
  private readonly lineOut: Float64Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.rows = new FFT(width);
    this.cols = new FFT(height);
    this.re = new Float64Array(width * height);
    this.im = new Float64Array(width * height);
    this.lineIn = new Float64Array(2 * Math.max(width, height));
    this.lineOut = new Float64Array(2 * Math.max(width, height));
  }

  /** In place, row-major; `inverse` includes the 1/(width·height) scaling. */
  transform(inverse: boolean): void {
    const { width, height, re, im } = this;
    const sign = inverse ? -1 : 1;
    // The inverse is the forward transform of the conjugate, conjugated.
    for (let y = 0; y < height; y++) this.transformLine(this.rows, width, y * width, 1, sign);
    for (let x = 0; x < width; x++) this.transformLine(this.cols, height, x, width, sign);
    if (inverse) {
      const n = width * height;
      for (let i = 0; i < n; i++) {
        re[i] /= n;
        im[i] /= n;
      }
    }
  }

  private transformLine(line: FFT, size: number, start: number, stride: number, sign: number): void {
    const { re, im, lineIn, lineOut } = this;
    for (let k = 0; k < size; k++) {
      lineIn[2 * k] = re[start + k * stride];
      lineIn[2 * k + 1] = sign * im[start + k * stride];
    }
    line.transform(lineOut, lineIn);
    for (let k = 0; k < size; k++) {
      re[start + k * stride] = lineOut[2 * k];
      im[start + k * stride] = sign * lineOut[2 * k + 1];
    }
  }
}
