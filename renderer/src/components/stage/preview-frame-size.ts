/** The stage's preview size: 540×960 for a portrait, as a phone shows a reel. */
export const PREVIEW_MAX_SIDE = 960;

/**
 * The size of the engine's preview frames of a picture (never larger than the picture), which the stage's canvas
 * takes: a canvas at a 4000×3000 photo's own size held 12 megapixels for frames of 960×720.
 */
export function previewFrameSize(picture: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(1, PREVIEW_MAX_SIDE / Math.max(picture.width, picture.height));
  return { width: Math.max(1, Math.round(picture.width * scale)), height: Math.max(1, Math.round(picture.height * scale)) };
}
