import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultModelPaths } from '../../electron/engine/install-layout.js';
import { runManifestBatch } from '../../electron/engine/batch/index.js';
import { createEngineContext } from '../../electron/engine/engine-context.js';
import { createTalkingVideoRunner } from '../../electron/engine/jobs/index.js';
import { OUTPUT_PRESET_NAMES } from '../../electron/engine/render/output-presets.js';
import { synthesizeSpeech } from '../../electron/engine/speech/index.js';
import { MEDIA, mb, type BenchSection } from './bench-support.js';

const ITEMS = 5;
const TARGET_SEC = 15;
const FACES = ['portrait_eileen_collins_nasa.png', 'portrait_woman_smiling_cc0.png', 'portrait_man_luciano_cc0.png', 'portrait_chris_pratt_ccby2.jpg', 'painting_mona_lisa_small_cc0.jpg'];
const SENTENCES = [
  'Here is the one habit that changed how I work.',
  'Most people skip this step, and it costs them hours every week.',
  'Write the goal down before you open your laptop.',
  'Then do the hardest task first, while your mind is fresh.',
  'Check your messages only twice a day.',
  'Small changes, repeated daily, beat big plans you never start.',
  'Save this video and try it tomorrow morning.',
];

/** The shortest script of whole sentences that the built-in voice speaks in at least `seconds`. */
async function scriptOfAtLeast(seconds: number, offset: number): Promise<string> {
  let script = '';
  for (let i = 0; ; i++) {
    script = `${script} ${SENTENCES[(i + offset) % SENTENCES.length]}`.trim();
    if ((await synthesizeSpeech(script)).audio.durationSec >= seconds) return script;
  }
}

/** Batches of 5 × 15 s captioned reels from a manifest, run serially and in parallel, same machine, same run. */
export const batchBench: BenchSection = {
  name: 'batch',
  async run() {
    const engine = await createEngineContext(defaultModelPaths());
    const dir = await mkdtemp(join(tmpdir(), 'mouthpiece-batch-bench-'));
    try {
      const rows = [];
      for (let i = 0; i < ITEMS; i++) rows.push({ face: join(MEDIA, 'images', FACES[i % FACES.length]), script: await scriptOfAtLeast(TARGET_SEC, i), preset: 'reel', captions: 'reel', name: `reel-${i + 1}` });
      const manifest = join(dir, 'week.json');
      await writeFile(manifest, JSON.stringify(rows));
      const videoSec = (await Promise.all(rows.map((row) => synthesizeSpeech(row.script)))).reduce((sum, s) => sum + s.audio.durationSec, 0);
      const wall: Record<number, number> = {};
      for (const concurrency of [1, 2, 3]) {
        const library = engine.openLibrary(join(dir, `library-${concurrency}`));
        const t0 = performance.now();
        const result = await runManifestBatch({ library, runner: createTalkingVideoRunner(engine), manifestPath: manifest, outDir: join(dir, `out-${concurrency}`), concurrency, presets: OUTPUT_PRESET_NAMES });
        wall[concurrency] = performance.now() - t0;
        library.close();
        const failed = result.items.filter((item) => item.status !== 'done');
        if (failed.length > 0) throw new Error(`batch bench: ${failed.map((f) => `${f.origin}: ${f.error}`).join('; ')}`);
        console.log(
          `batch          ${ITEMS} × ${(videoSec / ITEMS).toFixed(1)} s captioned 1080×1920 reels, ${concurrency} at once: ${(wall[concurrency] / 1000).toFixed(1)} s wall ` +
            `(${(videoSec / (wall[concurrency] / 1000)).toFixed(2)}× real time${concurrency > 1 ? `, ${(wall[1] / wall[concurrency]).toFixed(2)}× the serial speed` : ''})`,
        );
      }
      console.log(`batch          peak RSS so far ${mb(process.resourceUsage().maxRSS * 1024)}`);
    } finally {
      await engine.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
