/**
 * The footage dub: every output frame is a frame of the clip (in the order the length rule chose), with the tracked
 * subject's lower face replaced by the banked mouth nearest the new voice's articulation, warped onto the frame's own
 * geometry. Where the bank has no mouth as wide as wanted, the nearest one is opened further by the mesh warp. Frames
 * where the face is missing or turned pass through; the effect fades in and out around them.
 */
import type { SubjectFrameParams } from '../../animate/performance-types.js';
import { yawOf } from '../../face/track-video.js';
import { createRgbaImage, type RgbaImage } from '../../media/rgba-image.js';
import type { FootageSceneSource, FrameSynthesiser, SynthesisScene } from '../frame-synthesiser.js';
import { chooseMouths, targetShapeOf, type MouthChoice } from '../mouth-bank/choose-mouths.js';
import type { MouthBankEntry } from '../mouth-bank/mouth-bank.js';
import { createMouthCompositor } from './compose-mouth.js';
import { createDubMesh } from './dub-mesh.js';
import { backwardChunkFrames, readFramesInOrder } from './frame-order.js';

export function createFootageDubSynthesiser(scene: SynthesisScene & { source: FootageSceneSource }): FrameSynthesiser {
  const { source, frameCount } = scene;
  const { track, bank, order, view } = source;
  const entries = bank.entries;
  if (entries.length === 0) throw new Error('createFootageDubSynthesiser: the mouth bank is empty.');
  const performance = scene.performances.find((p) => p.subjectIndex === track.subjectIndex)?.frames ?? [];
  const stats = bank.stats();
  const mouthAt = (t: number): SubjectFrameParams | undefined => performance[t] ?? performance[performance.length - 1];
  const targets = Array.from({ length: frameCount }, (_, t) => {
    const mouth = mouthAt(t);
    return mouth ? targetShapeOf(mouth, stats) : { opening: stats.restOpening, width: stats.restWidth, teeth: 0 };
  });
  const yaw = Array.from({ length: frameCount }, (_, t) => {
    const landmarks = track.frames[order[t]]?.landmarks;
    return landmarks ? yawOf(landmarks) : 0;
  });
  const choices: MouthChoice[] = chooseMouths(entries, targets, yaw, shotsOf(track.frames, order));
  const compositor = createMouthCompositor(createDubMesh(referenceEntry(entries, stats.restOpening, stats.wideOpening).landmarks));
  const full = createRgbaImage(track.width, track.height);
  const wholeFrame = view.x === 0 && view.y === 0 && view.width === track.width && view.height === track.height;
  // the clip's own size (preset source): the frame drawn is the frame sent, no second copy
  const out = wholeFrame ? full : createRgbaImage(view.width, view.height);

  const draw = (frame: RgbaImage, t: number): RgbaImage => {
    full.data.set(frame.data.subarray(0, full.data.length));
    const tracked = track.frames[order[t]];
    if (tracked?.cut) compositor.reset();
    if (tracked?.landmarks && tracked.weight > 0) {
      const choice = choices[t];
      compositor.compose(full, tracked.landmarks, entries[choice.entry], tracked.weight, Math.max(0, choice.openingShortfall));
    }
    if (!wholeFrame) cropInto(full, view, out);
    return out;
  };

  return {
    kind: 'footage-dub',
    width: view.width,
    height: view.height,
    async *frames(options = {}) {
      let t = 0;
      const backwardChunk = backwardChunkFrames(track.width, track.height);
      for await (const frame of readFramesInOrder({ tools: source.tools, path: source.path, fps: source.clipFps, order, backwardChunk, signal: options.signal })) {
        if (t >= frameCount) break;
        yield draw(frame, t++);
      }
    },
    async frameAt(index, options = {}) {
      const t = Math.min(frameCount - 1, Math.max(0, index));
      // one frame: colour gains start afresh, as after a cut
      compositor.reset();
      for await (const frame of readFramesInOrder({ tools: source.tools, path: source.path, fps: source.clipFps, order: [order[t]], signal: options.signal })) return draw(frame, t);
      throw new Error(`frameAt: the clip has no frame ${order[t]}.`);
    },
    close: async () => {},
  };
}

/** The shot of each clip frame (a count of the cuts up to it) and of the clip frame under each output frame. */
function shotsOf(frames: readonly ({ cut?: boolean } | undefined)[], order: ArrayLike<number>) {
  const shot: number[] = [];
  frames.forEach((f, i) => (shot[i] = (i > 0 ? shot[i - 1] : 0) + (f?.cut ? 1 : 0)));
  const shotOf = (clipFrame: number) => shot[Math.min(shot.length - 1, Math.max(0, clipFrame))] ?? 0;
  return { shotOf, frameShots: Array.from(order, shotOf) };
}

/** An entry with the mouth half open: its lips are apart, so the mesh triangulated on it separates them. */
function referenceEntry(entries: readonly MouthBankEntry[], rest: number, wide: number): MouthBankEntry {
  const wanted = (rest + wide) / 2;
  return entries.reduce((best, e) => (Math.abs(e.shape.opening - wanted) < Math.abs(best.shape.opening - wanted) ? e : best), entries[0]);
}

function cropInto(full: RgbaImage, view: FootageSceneSource['view'], out: RgbaImage): void {
  const rowBytes = view.width * 4;
  for (let row = 0; row < view.height; row++) {
    const from = ((view.y + row) * full.width + view.x) * 4;
    out.data.set(full.data.subarray(from, from + rowBytes), row * rowBytes);
  }
}
