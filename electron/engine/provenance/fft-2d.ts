/** 2-D FFT (rows, then columns) over the speech module's 1-D radix-2 FFT; both sides are powers of two. */
import { Fft } from '../speech/fft.js';

export class Fft2d {
  readonly re: Float64Array;
  readonly im: Float64Array;
  private readonly rows: Fft;
  private readonly cols: Fft;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.rows = new Fft(width);
    this.cols = new Fft(height);
    this.re = new Float64Array(width * height);
    this.im = new Float64Array(width * height);
  }

  /** In place, row-major; `inverse` includes the 1/(width·height) scaling. */
  transform(inverse: boolean): void {
    const { width, height, re, im } = this;
    const sign = inverse ? -1 : 1;
    // The inverse is the forward transform of the conjugate, conjugated.
    for (let y = 0; y < height; y++) this.transformLine(this.rows, y * width, 1, sign);
    for (let x = 0; x < width; x++) this.transformLine(this.cols, x, width, sign);
    if (inverse) {
      const n = width * height;
      for (let i = 0; i < n; i++) {
        re[i] /= n;
        im[i] /= n;
      }
    }
  }

  private transformLine(line: Fft, start: number, stride: number, sign: number): void {
    const { re, im } = this;
    for (let k = 0; k < line.size; k++) {
      line.re[k] = re[start + k * stride];
      line.im[k] = sign * im[start + k * stride];
    }
    line.transform();
    for (let k = 0; k < line.size; k++) {
      re[start + k * stride] = line.re[k];
      im[start + k * stride] = sign * line.im[k];
    }
  }
}
