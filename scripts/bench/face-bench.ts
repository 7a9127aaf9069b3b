import { join } from 'node:path';
import { analyzeImage } from '../../electron/engine/face/analyze-image.js';
import { decodeImage, resolveFfmpegTools } from '../../electron/engine/media/index.js';
import { SessionPool } from '../../electron/engine/models/session-pool.js';
import { defaultModelPaths } from '../../electron/engine/install-layout.js';
import { MEDIA, median, percentile, type BenchSection } from './bench-support.js';

async function benchFaceAnalysis(pool: SessionPool, label: string, file: string, runs: number) {
  const tools = await resolveFfmpegTools();
  const { image } = await decodeImage(tools, file, { maxSide: 4096 });
  await analyzeImage(pool, image); // warm-up: sessions created, caches filled
  const times: number[] = [];
  let subjects = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    subjects = (await analyzeImage(pool, image)).subjects.length;
    times.push(performance.now() - t0);
  }
  console.log(
    `face analysis  ${label.padEnd(22)} ${`${image.width}x${image.height}`.padEnd(10)} subjects ${subjects}  median ${median(times).toFixed(1)} ms  p90 ${percentile(times, 0.9).toFixed(1)} ms  (${runs} runs)`,
  );
}

export const faceBench: BenchSection = {
  name: 'face',
  async run() {
    const pool = new SessionPool(defaultModelPaths());
    const t0 = performance.now();
    await Promise.all(['blazeface', 'facemesh', 'iris'].map((m) => pool.get(m)));
    console.log(`model load     3 sessions (SHA-256 checked)                 ${(performance.now() - t0).toFixed(0)} ms`);
    await benchFaceAnalysis(pool, 'portrait 512', join(MEDIA, 'images/portrait_eileen_collins_nasa.png'), 40);
    await benchFaceAnalysis(pool, 'group photo 1280', join(MEDIA, 'images/group3_soccer_players_cc0.jpg'), 15);
    await benchFaceAnalysis(pool, 'group photo 600 (3)', join(MEDIA, 'images/group3_apollo11_crew_nasa.png'), 15);
    await pool.release();
  },
};
