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
import { degradeClip, lookOf } from '../tests/quality/personal-mouth-look-support.js';
import { openEngine, media } from '../tests/quality/quality-support.js';
import { prepareClip } from '../tests/quality/reconstruction-support.js';

const args = process.argv.slice(2);
const cli = args.includes('--cli') ? args[args.indexOf('--cli') + 1] : 'bin/mouthpiece.cjs';
const pairCount = args.includes('--pairs') ? Number(args[args.indexOf('--pairs') + 1]) : 5;
const degrade = args.includes('--degrade');
const OBAMA = readdirSync(media('video')).filter((f) => /^obama_.*\.mp4$/.test(f)).sort();

const deps = await openEngine();
const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-mouth-look-'));
try {
  for (const [i, file] of OBAMA.slice(0, pairCount).entries()) {
    const mouthFrom = OBAMA[(i + 1) % OBAMA.length];
    const clipDir = join(dir, file);
    mkdirSync(clipDir);
    const clip = await prepareClip(deps.tools, media(`video/${file}`), clipDir);
    if (degrade) await degradeClip(deps.tools, clip, clipDir);
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
