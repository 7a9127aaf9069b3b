/**
 * Prints the mouth-look measures (teeth against eye whites, grain against the cheeks, lip-line stairs at the reel's
 * output size) for photos, one line per photo and mouth pose:
 *   npx tsx scripts/measure-mouth-look.ts [--crops DIR] [photo …]   (default: the corpus portraits)
 * --crops writes each pose's mouth at the output size (PHOTO-POSE.png), to look at at 100 %.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { defaultModelPaths } from '../electron/engine/install-layout.js';
import { analyzeImage } from '../electron/engine/face/analyze-image.js';
import { decodeImage, resolveFfmpegTools, writePng } from '../electron/engine/media/index.js';
import { SessionPool } from '../electron/engine/models/session-pool.js';
import { createFaceRig } from '../electron/engine/synth/photo-warp/face-rig.js';
import { measureMouthPose, MOUTH_POSES, reelScale } from '../electron/engine/quality/mouth-look-figures.js';
import { sharedMedia } from '../tests/helpers/shared-media.js';

const args = process.argv.slice(2);
const cropsAt = args.indexOf('--crops');
const cropsDir = cropsAt >= 0 ? args.splice(cropsAt, 2)[1] : undefined;
const photos = args;
const list = photos.length
  ? photos
  : readdirSync(sharedMedia('images'))
      .filter((f) => f.startsWith('portrait_') || f.startsWith('painting_'))
      .map((f) => join(sharedMedia('images'), f));
if (cropsDir) mkdirSync(cropsDir, { recursive: true });
const pool = new SessionPool(defaultModelPaths());
const tools = await resolveFfmpegTools();
const f = (v: number) => (Number.isNaN(v) ? '   -' : v.toFixed(2).padStart(5));
console.log('photo                                   pose     teeth/whites teeth/skin  grain  sharp  stairs(px) upper lower');
try {
  for (const path of list) {
    const { image } = await decodeImage(tools, path);
    const analysis = await analyzeImage(pool, image);
    const subject = analysis.subjects[0];
    if (!subject) continue;
    const rig = createFaceRig(image, subject, { otherSubjects: analysis.subjects });
    const outputScale = reelScale(image, subject);
    for (const pose of Object.keys(MOUTH_POSES)) {
      const m = measureMouthPose({ image, rig, pose, outputScale });
      if (cropsDir) await writePng(tools, m.crop, join(cropsDir, `${basename(path).replace(/\.[^.]+$/, '')}-${pose}.png`), { overwrite: true });
      console.log(`${basename(path).padEnd(40)}${pose.padEnd(9)}${f(m.teethToEyeWhites).padStart(12)} ${f(m.teethToSkin).padStart(10)}  ${f(m.grainRatio)}  ${f(m.sharpnessRatio)}  ${f(m.lipStairs)} ${f(m.lineStairs[0])} ${f(m.lineStairs[1])}   ×${outputScale.toFixed(2)}`);
    }
  }
} finally {
  await pool.release();
}
