import type { SubjectFrameParams, SubjectPerformance } from '../animate/performance-types.js';
import type { RgbaImage } from '../media/index.js';
import type { FaceRig } from './face-rig.js';
import { createFrameBuffer, renderFrame } from './render-frame.js';

/** Each rig's performance frames, in the rigs' order (none for a rig without a performance). */
export function rigTracks(rigs: FaceRig[], performances: SubjectPerformance[]): SubjectFrameParams[][] {
  const byIndex = new Map(performances.map((p) => [p.subjectIndex, p.frames]));
  return rigs.map((rig) => byIndex.get(rig.subjectIndex) ?? []);
}

/** Every track's parameters at `frame` into `into`; a track that has ended holds its last frame. */
export function paramsAt(tracks: SubjectFrameParams[][], frame: number, into: SubjectFrameParams[]): SubjectFrameParams[] {
  for (let r = 0; r < tracks.length; r++) into[r] = tracks[r][frame] ?? tracks[r][tracks[r].length - 1];
  return into;
}

/**
 * Renders the frames one at a time into one reused buffer: the encoder takes each frame before asking
 * for the next, so a render never holds more than one frame. Rigs and performances are in the same order.
 */
export function* renderFrameStream(input: { source: RgbaImage; rigs: FaceRig[]; performances: SubjectPerformance[]; frameCount: number }): Generator<RgbaImage> {
  const { source, rigs, frameCount } = input;
  const out = createFrameBuffer(source);
  const tracks = rigTracks(rigs, input.performances);
  const params: SubjectFrameParams[] = new Array(rigs.length);
  for (let frame = 0; frame < frameCount; frame++) {
    renderFrame(source, rigs, paramsAt(tracks, frame, params), out);
    yield out;
  }
}
