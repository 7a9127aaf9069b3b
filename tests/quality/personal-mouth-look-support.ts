/**
 * The open mouth's look against the skin around it, for a personal-mouth render and for the real clip it reconstructs
 * (scripts/measure-personal-mouth-look.ts, tests/quality/personal-mouth-look.int.test.ts).
 */
import { join } from 'node:path';
import type { Point2, Point3 } from '../../electron/engine/face/face-types.js';
import { LIPS_INNER } from '../../electron/engine/face/mesh-regions.js';
import { pointInPolygon, pullTowards } from '../../electron/engine/face/subject-masks.js';
import { runFfmpeg, type FfmpegTools } from '../../electron/engine/media/index.js';
import { lumaAt, type RgbaImage } from '../../electron/engine/media/rgba-image.js';
import type { SessionPool } from '../../electron/engine/models/session-pool.js';
import { grainOf, quantile } from '../../electron/engine/media/image-statistics.js';
import { edgeSharpnessOf } from '../../electron/engine/media/edge-sharpness.js';
import { measureVideo } from '../../electron/engine/quality/measure-video.js';
import { skinLookAround } from '../../electron/engine/synth/photo-warp/personal-mouth-look.js';
import type { PreparedClip } from './reconstruction-support.js';

const OPEN_LIP_GAP = 0.03;

/** Inner-mouth grain (its darker half: the cavity) and edge sharpness, each over the skin around the mouth's. */
export function mouthLook(frame: RgbaImage, landmarks: Point3[]): { grain: number; sharpness: number } | null {
  const inner: Point2[] = LIPS_INNER.map((i) => [landmarks[i][0], landmarks[i][1]]);
  const cx = inner.reduce((s, p) => s + p[0], 0) / inner.length;
  const cy = inner.reduce((s, p) => s + p[1], 0) / inner.length;
  const shrunk = inner.map((p) => pullTowards(p, [cx, cy], 1.5));
  const xs = shrunk.map((p) => p[0]);
  const ys = shrunk.map((p) => p[1]);
  const box = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs) + 1, y1: Math.max(...ys) + 1 };
  const lumas: number[] = [];
  for (let y = Math.floor(box.y0); y < box.y1; y++) for (let x = Math.floor(box.x0); x < box.x1; x++) if (pointInPolygon([x, y], shrunk)) lumas.push(lumaAt(frame.data, (y * frame.width + x) * 4));
  if (lumas.length < 40) return null;
  const dark = quantile(lumas, 0.5);
  const grain = grainOf(frame, (x, y) => pointInPolygon([x, y], shrunk) && lumaAt(frame.data, (y * frame.width + x) * 4) <= dark, box);
  const sharpness = edgeSharpnessOf(frame, (x, y) => pointInPolygon([x, y], shrunk), box);
  const skin = skinLookAround(frame, (i) => [landmarks[i][0], landmarks[i][1]]);
  return { grain: grain / Math.max(skin.grain, 1e-3), sharpness: sharpness / skin.sharpness };
}

export async function lookOf(deps: { tools: FfmpegTools; pool: SessionPool }, video: string): Promise<{ grain: number; sharpness: number; frames: number }> {
  const grains: number[] = [];
  const sharps: number[] = [];
  await measureVideo(deps, video, {
    maxSide: 1280,
    visitors: [
      (frame, measure, landmarks) => {
        const look = landmarks && (measure.lipGap ?? 0) >= OPEN_LIP_GAP ? mouthLook(frame, landmarks) : null;
        if (!look || !Number.isFinite(look.sharpness)) return;
        grains.push(look.grain);
        sharps.push(look.sharpness);
      },
    ],
  });
  return { grain: quantile(grains, 0.5), sharpness: quantile(sharps, 0.5), frames: grains.length };
}

/** Softens the clip (so its first frame, the photo) and gives it grain, as an old print would be; the mouth clip stays clean. */
export async function degradeClip(tools: FfmpegTools, clip: PreparedClip, dir: string): Promise<void> {
  const soft = join(dir, 'degraded.mp4');
  const filter = 'gblur=sigma=1.3,noise=alls=14:allf=t+u';
  await runFfmpeg({ tools, args: ['-y', '-i', clip.clipPath, '-vf', filter, '-c:v', 'libx264', '-crf', '12', '-preset', 'veryfast', '-c:a', 'copy', soft] });
  await runFfmpeg({ tools, args: ['-y', '-i', soft, '-frames:v', '1', clip.framePath] });
  clip.clipPath = soft;
}
