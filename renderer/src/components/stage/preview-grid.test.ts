import { describe, expect, it } from 'vitest';
import { RENDER_FPS } from '../../../../electron/main/handlers/export-presets';
import { PREVIEW_FPS } from './preview-grid';

describe('the preview grid', () => {
  it("is the frame rate the preview's scene is drawn at", () => {
    expect(PREVIEW_FPS).toBe(RENDER_FPS);
  });
});
