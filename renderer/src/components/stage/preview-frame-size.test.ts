import { describe, expect, it } from 'vitest';
import { previewFrameSize } from './preview-frame-size';

describe('previewFrameSize', () => {
  it('is the picture scaled to the preview\'s longest side, never enlarged', () => {
    expect(previewFrameSize({ width: 4000, height: 3000 })).toEqual({ width: 960, height: 720 });
    expect(previewFrameSize({ width: 1080, height: 1920 })).toEqual({ width: 540, height: 960 });
    expect(previewFrameSize({ width: 640, height: 480 })).toEqual({ width: 640, height: 480 });
  });
});
