import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { assertReasonableImageSize, fitWithinMaxSide } from './frame-size.js';

describe('fitWithinMaxSide', () => {
  it('scales the longest side down to maxSide keeping the aspect ratio', () => {
    expect(fitWithinMaxSide({ width: 1730, height: 2048, maxSide: 512 })).toEqual({ width: 433, height: 512 });
    expect(fitWithinMaxSide({ width: 1280, height: 720, maxSide: 320 })).toEqual({ width: 320, height: 180 });
  });

  it('never enlarges and ignores a missing maxSide', () => {
    expect(fitWithinMaxSide({ width: 115, height: 115, maxSide: 512 })).toEqual({ width: 115, height: 115 });
    expect(fitWithinMaxSide({ width: 4000, height: 3000 })).toEqual({ width: 4000, height: 3000 });
  });

  it('keeps at least one pixel on a very thin picture', () => {
    expect(fitWithinMaxSide({ width: 10000, height: 3, maxSide: 100 })).toEqual({ width: 100, height: 1 });
  });
});

describe('assertReasonableImageSize', () => {
  it('accepts large but sane pictures', () => {
    expect(() => assertReasonableImageSize({ filePath: 'a.jpg', width: 12000, height: 9000 })).not.toThrow();
  });

  it('refuses more than 20000 px a side or 200 MP with IMAGE_TOO_LARGE naming the file', () => {
    for (const [width, height] of [
      [20001, 10],
      [10, 20001],
      [15000, 15000],
    ]) {
      try {
        assertReasonableImageSize({ filePath: '/p/huge.png', width, height });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).code).toBe('IMAGE_TOO_LARGE');
        expect((error as InputError).message).toContain('/p/huge.png');
      }
    }
  });
});
