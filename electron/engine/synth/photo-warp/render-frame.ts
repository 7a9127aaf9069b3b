import type { SubjectFrameParams } from '../../animate/performance-types.js';
import type { RgbaImage } from '../../media/rgba-image.js';
import { deformRig } from './deform-mesh.js';
import { drawGaze } from './eye-gaze.js';
import { forEachMovedTriangle, type FaceRig, type PixelRect } from './face-rig.js';
import { drawMouthInterior } from './mouth-interior.js';
import { supersampleMouth } from './mouth-supersample.js';
import type { PersonalMouthFrame } from './personal-mouth.js';
import { pixelWords, warpTriangle, type PixelWords } from './triangle-warp.js';

/** A frame buffer for `renderFrame`: a copy of the photo, reused for every frame. */
export function createFrameBuffer(source: RgbaImage): RgbaImage {
  // a fresh Uint8Array starts on a word boundary, which the warp's 32-bit pixel view needs
  return { width: source.width, height: source.height, data: Uint8Array.from(source.data) };
}

/**
 * Renders one frame of every rig's subject into `out` (same size as `source`).
 *
 * Contract: on entry `out` must equal `source` outside the rigs' regions (make it once with `createFrameBuffer`, then
 * pass it back each frame; its data must start on a 4-byte boundary). Each rig's region rectangle is first restored from `source`, then redrawn; pixels outside
 * every region are never written, so they stay bit-identical to the photo. Rigs made with `otherSubjects` keep out of
 * each other's faces. No allocations per frame. `mouths[i]`, when given, is rig i's own mouth interior for this frame.
 */
export function renderFrame(source: RgbaImage, rigs: FaceRig[], params: SubjectFrameParams[], out: RgbaImage, mouths?: readonly (PersonalMouthFrame | null)[]): void {
  if (out.width !== source.width || out.height !== source.height) {
    throw new Error(`renderFrame: out is ${out.width}×${out.height}, source is ${source.width}×${source.height}.`);
  }
  if (params.length !== rigs.length) throw new Error(`renderFrame: ${rigs.length} rigs but ${params.length} parameter sets.`);
  for (const rig of rigs) restoreRect(source, out, rig.region);
  const sourceWords = pixelWords(source, true);
  const outWords = pixelWords(out, false);
  for (let i = 0; i < rigs.length; i++) {
    const rig = rigs[i];
    deformRig(rig, params[i]);
    warpMovedTriangles(rig, sourceWords, outWords, params[i].yaw !== 0 || params[i].pitch !== 0);
    supersampleMouth(rig, sourceWords, outWords);
    drawMouthInterior(rig, params[i], out, mouths?.[i] ?? null);
    drawGaze(rig, params[i], out);
  }
}

function warpMovedTriangles(rig: FaceRig, source: PixelWords, out: PixelWords, turned: boolean): void {
  const { dest, texture } = rig.scratch;
  if (turned) sortFarToNear(rig);
  forEachMovedTriangle(rig, (a, b, c) => warpTriangle(source, out, rig.region, dest, texture, a, b, c));
}

/**
 * A turned head folds its far side behind its near side; drawing far triangles first keeps the near ones on top.
 * Insertion sort: the order barely changes between frames, so this is close to linear.
 */
function sortFarToNear(rig: FaceRig): void {
  const { triangles, underlayCount } = rig;
  const { destZ, order, depth } = rig.scratch;
  for (let i = underlayCount; i < order.length; i++) {
    const t = 3 * i;
    depth[i] = destZ[triangles[t]] + destZ[triangles[t + 1]] + destZ[triangles[t + 2]];
  }
  for (let i = underlayCount + 1; i < order.length; i++) {
    const item = order[i];
    const key = depth[item];
    let j = i - 1;
    while (j >= underlayCount && depth[order[j]] < key) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = item;
  }
}

function restoreRect(source: RgbaImage, out: RgbaImage, rect: PixelRect): void {
  const rowBytes = (rect.x1 - rect.x0) * 4;
  if (rowBytes <= 0) return;
  for (let y = rect.y0; y < rect.y1; y++) {
    const start = (y * source.width + rect.x0) * 4;
    out.data.set(source.data.subarray(start, start + rowBytes), start);
  }
}
