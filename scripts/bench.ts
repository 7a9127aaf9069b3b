/**
 * `npm run bench`: prints speed and memory figures of the engine on ../shared/media (or MOUTHPIECE_MEDIA).
 * Figures, not pass/fail: targets are judged by people reading them, never by timed unit tests.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeImage } from '../electron/engine/face/analyze-image.js';
import { decodeImage, resolveFfmpegTools } from '../electron/engine/media/index.js';
import { SessionPool } from '../electron/engine/models/session-pool.js';
import { defaultModelPaths } from '../electron/cli/package-paths.js';

const MEDIA = resolve(process.env.MOUTHPIECE_MEDIA ?? join(import.meta.dirname, '..', '..', 'shared', 'media'));

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

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
  const p90 = [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.9)];
  console.log(
    `face analysis  ${label.padEnd(22)} ${`${image.width}x${image.height}`.padEnd(10)} subjects ${subjects}  median ${median(times).toFixed(1)} ms  p90 ${p90.toFixed(1)} ms  (${runs} runs)`,
  );
}

async function main() {
  if (!existsSync(MEDIA)) throw new Error(`media folder not found: ${MEDIA} (set MOUTHPIECE_MEDIA)`);
  console.log(`Mouthpiece bench — node ${process.version}, ${process.arch}, media ${MEDIA}`);
  const rssBefore = process.memoryUsage().rss;
  const pool = new SessionPool(defaultModelPaths());
  const t0 = performance.now();
  await Promise.all(['blazeface', 'facemesh', 'iris'].map((m) => pool.get(m)));
  console.log(`model load     3 sessions (SHA-256 checked)                 ${(performance.now() - t0).toFixed(0)} ms`);
  await benchFaceAnalysis(pool, 'portrait 512', join(MEDIA, 'images/portrait_eileen_collins_nasa.png'), 40);
  await benchFaceAnalysis(pool, 'group photo 1280', join(MEDIA, 'images/group3_soccer_players_cc0.jpg'), 15);
  await benchFaceAnalysis(pool, 'group photo 600 (3)', join(MEDIA, 'images/group3_apollo11_crew_nasa.png'), 15);
  const peakRssKb = process.resourceUsage().maxRSS;
  console.log(`memory         peak RSS ${mb(peakRssKb * 1024)} (process start ${mb(rssBefore)})`);
  await pool.release();
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
