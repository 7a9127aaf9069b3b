/**
 * The built-in engine for a still picture: a piecewise-affine warp of each subject's face mesh, an inner mouth drawn
 * under the lips, eyelids and gaze — one rig per subject, built once, deformed per frame.
 */
import type { SubjectFrameParams, SubjectPerformance } from '../../animate/performance-types.js';
import type { FaceSubject } from '../../face/face-types.js';
import type { RgbaImage } from '../../media/rgba-image.js';
import type { FrameSynthesiser, StillSceneSource, SynthesisScene } from '../frame-synthesiser.js';
import { createFaceRigs, type FaceRig, type PixelRect } from './face-rig.js';
import { planPersonalMouths, type PersonalMouthFrame } from './personal-mouth.js';
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
 * Rigs depend only on the picture and its subjects, so scenes over the same source (a preview rebuilt after each edit)
 * share them. Sharing is safe: drawing is synchronous, and each frame rewrites the rigs' scratch buffers before use.
 */
const rigsBySource = new WeakMap<RgbaImage, WeakMap<FaceSubject[], FaceRig[]>>();
function rigsFor(image: RgbaImage, subjects: FaceSubject[]): FaceRig[] {
  const bySubjects = rigsBySource.get(image) ?? new WeakMap<FaceSubject[], FaceRig[]>();
  rigsBySource.set(image, bySubjects);
  const rigs = bySubjects.get(subjects) ?? createFaceRigs(image, subjects);
  bySubjects.set(subjects, rigs);
  return rigs;
}

/**
 * Frames drawn one at a time into one reused buffer: the encoder takes each frame before asking for the next, so a
 * render never holds more than one frame. Drawing is synchronous, so `frameAt` calls cannot interleave.
 */
export function createPhotoWarpSynthesiser(scene: SynthesisScene & { source: StillSceneSource }): FrameSynthesiser {
  const { image, subjects } = scene.source;
  const rigs = rigsFor(image, subjects);
  const tracks = rigTracks(rigs, scene.performances);
  // renderFrame writes nothing outside the rigs' regions: what the watermark has to mark again each frame.
  const out = Object.assign(createFrameBuffer(image), { redrawn: rigs.map((rig) => rig.region) });
  const params: SubjectFrameParams[] = new Array(rigs.length);
  const personal = scene.source.mouth;
  const plans = rigs.map((rig, r) => (personal && rig.subjectIndex === personal.subjectIndex ? planPersonalMouths(personal.bank, image, rig, tracks[r]) : null));
  const mouths: (PersonalMouthFrame | null)[] = new Array(rigs.length).fill(null);
  const draw = (index: number): RgbaImage & { redrawn: PixelRect[] } => {
    for (let r = 0; r < rigs.length; r++) {
      const plan = plans[r];
      mouths[r] = plan ? (plan[Math.min(index, plan.length - 1)] ?? null) : null;
    }
    renderFrame(image, rigs, paramsAt(tracks, index, params), out, mouths);
    return out;
  };
  return {
    kind: 'photo-warp',
    width: image.width,
    height: image.height,
    *frames() {
      for (let frame = 0; frame < scene.frameCount; frame++) yield draw(frame);
    },
    frameAt: async (index) => draw(Math.min(scene.frameCount - 1, Math.max(0, index))),
    close: async () => {},
  };
}
