/**
 * The personal mouth's look against the photo's (issue 14): each Obama clip's first frame rendered with its own sound
 * and the mouth of another Obama clip, then, over the frames whose mouth is open, the inner mouth's grain and edge
 * sharpness over those of the skin around the mouth, for the render and for the real clip (the photo's own camera).
 *
 * With --degrade the clip (so its first frame, the photo) is first softened and given grain, as an old print would be,
 * while the mouth clip stays clean: the case the matching is for.
 *
 *   npx tsx scripts/measure-personal-mouth-look.ts [--cli dist/cli-before/mouthpiece.mjs] [--pairs N] [--degrade]
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Point2, Point3 } from '../electron/engine/face/face-types.js';
import { LIPS_INNER } from '../electron/engine/face/mesh-regions.js';
import { pointInPolygon, pullTowards } from '../electron/engine/face/subject-masks.js';
import { runFfmpeg } from '../electron/engine/media/index.js';
import { lumaAt, type RgbaImage } from '../electron/engine/media/rgba-image.js';
import { grainOf, quantile } from '../electron/engine/quality/mouth-look.js';
import { edgeSharpnessOf } from '../electron/engine/quality/mouth-sharpness.js';
import { measureVideo } from '../electron/engine/quality/measure-video.js';
import { skinLookAround } from '../electron/engine/synth/photo-warp/personal-mouth-look.js';
import { openEngine, media } from '../tests/quality/quality-support.js';
import { prepareClip } from '../tests/quality/reconstruction-support.js';

const args = process.argv.slice(2);
const cli = args.includes('--cli') ? args[args.indexOf('--cli') + 1] : 'bin/mouthpiece.cjs';
const pairCount = args.includes('--pairs') ? Number(args[args.indexOf('--pairs') + 1]) : 5;
const degrade = args.includes('--degrade');
const OBAMA = readdirSync(media('video')).filter((f) => /^obama_.*\.mp4$/.test(f)).sort();
const OPEN_LIP_GAP = 0.03;

/** Inner-mouth grain (its darker half: the cavity) and edge sharpness, each over the skin around the mouth's. */
function mouthLook(frame: RgbaImage, landmarks: Point3[]): { grain: number; sharpness: number } | null {
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

async function lookOf(deps: Awaited<ReturnType<typeof openEngine>>, video: string): Promise<{ grain: number; sharpness: number; frames: number }> {
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

const deps = await openEngine();
const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-mouth-look-'));
try {
  for (const [i, file] of OBAMA.slice(0, pairCount).entries()) {
    const mouthFrom = OBAMA[(i + 1) % OBAMA.length];
    const clipDir = join(dir, file);
    mkdirSync(clipDir);
    const clip = await prepareClip(deps.tools, media(`video/${file}`), clipDir);
    if (degrade) {
      const soft = join(clipDir, 'degraded.mp4');
      const filter = 'gblur=sigma=1.3,noise=alls=14:allf=t+u';
      await runFfmpeg({ tools: deps.tools, args: ['-y', '-i', clip.clipPath, '-vf', filter, '-c:v', 'libx264', '-crf', '12', '-preset', 'veryfast', '-c:a', 'copy', soft] });
      await runFfmpeg({ tools: deps.tools, args: ['-y', '-i', soft, '-frames:v', '1', clip.framePath] });
      clip.clipPath = soft;
    }
    const out = join(clipDir, 'personal.mp4');
    const text = clip.transcript ? ['--text', clip.transcript] : [];
    const run = spawnSync(process.execPath, [cli, 'render', '--face', clip.framePath, '--audio', clip.clipPath, ...text, '--consent', 'test fixture', '--preset', 'source', '--fps', String(clip.fps), '--keep-loudness', '-o', out, '--mouth-from', media(`video/${mouthFrom}`)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr.slice(-2000));
    const [real, render] = [await lookOf(deps, clip.clipPath), await lookOf(deps, out)];
    const f = (v: number) => v.toFixed(2);
    console.log(`${file} ← ${mouthFrom}: open-mouth grain/skin render ${f(render.grain)} vs real ${f(real.grain)}; sharpness/skin render ${f(render.sharpness)} vs real ${f(real.sharpness)} (${render.frames}/${real.frames} open frames)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await deps.pool.release();
}
