/**
 * The speaker-following crop applied to the rendered frames on their way to the encoder. The renderer draws every
 * region any shot shows (the plan's view); each frame is cut to the shot's crop at its time here, before the invisible
 * mark is added, so the mark stays laid out in the output's pixels through every shot and move (an ffmpeg crop after
 * marking would slide it with the picture).
 */
import type { RgbaImage } from '../media/rgba-image.js';
import { cropAt, type ShotPlan } from './speaker-shots.js';

export interface ShotFrameGeometry {
  /** Size of every cut frame, in rendered pixels (the shots' crop size at the render's scale). */
  width: number;
  height: number;
}

/** The cut frames' size for rendered frames of `frame`'s size drawn from `plan.view` (never larger than them). */
export function shotFrameSize(plan: Pick<ShotPlan, 'view' | 'shots'>, frame: { width: number; height: number }): ShotFrameGeometry {
  const k = frame.width / plan.view.width;
  const crop = plan.shots[0].crop;
  return { width: Math.min(frame.width, Math.max(2, Math.round(crop.width * k))), height: Math.min(frame.height, Math.max(2, Math.round(crop.height * k))) };
}

/** Each frame (frame n at n / fps seconds) cut to the crop at its time, into one reused buffer. */
export async function* cropFramesToShots(frames: AsyncIterable<RgbaImage> | Iterable<RgbaImage>, input: { plan: Pick<ShotPlan, 'view' | 'shots' | 'changes'>; fps: number }): AsyncGenerator<RgbaImage> {
  const { plan, fps } = input;
  let out: RgbaImage | undefined;
  let k = 1;
  let n = 0;
  for await (const frame of frames) {
    if (!out) {
      const size = shotFrameSize(plan, frame);
      k = frame.width / plan.view.width;
      out = { ...size, data: new Uint8Array(size.width * size.height * 4) };
    }
    const crop = cropAt(plan, n / fps);
    const x = Math.min(frame.width - out.width, Math.max(0, Math.round((crop.x - plan.view.x) * k)));
    const y = Math.min(frame.height - out.height, Math.max(0, Math.round((crop.y - plan.view.y) * k)));
    const rowBytes = out.width * 4;
    for (let row = 0; row < out.height; row++) {
      const from = ((y + row) * frame.width + x) * 4;
      out.data.set(frame.data.subarray(from, from + rowBytes), row * rowBytes);
    }
    n += 1;
    yield out;
  }
}
