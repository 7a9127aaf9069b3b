import type { SubjectFrameParams, SubjectPerformance } from '../animate/performance-types.js';
import type { RgbaImage } from '../media/index.js';
import type { FaceRig } from './face-rig.js';
import { createFrameBuffer, renderFrame } from './render-frame.js';

/**
 * Renders the frames one at a time into one reused buffer: the encoder takes each frame before asking
 * for the next, so a render never holds more than one frame. Rigs and performances are in the same order.
 */
export function* renderFrameStream(input: { source: RgbaImage; rigs: FaceRig[]; performances: SubjectPerformance[]; frameCount: number }): Generator<RgbaImage> {
  const { source, rigs, frameCount } = input;
  const out = createFrameBuffer(source);
  const byIndex = new Map(input.performances.map((p) => [p.subjectIndex, p]));
  const tracks = rigs.map((rig) => byIndex.get(rig.subjectIndex)?.frames ?? []);
  const params: SubjectFrameParams[] = new Array(rigs.length);
  for (let frame = 0; frame < frameCount; frame++) {
    for (let r = 0; r < rigs.length; r++) params[r] = tracks[r][frame] ?? tracks[r][tracks[r].length - 1];
    renderFrame(source, rigs, params, out);
    yield out;
  }
}
