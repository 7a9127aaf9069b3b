/**
 * `npm run bench [section…]`: prints speed and memory figures of the engine on ../shared/media (or MOUTHPIECE_MEDIA).
 * Figures, not pass/fail: targets are judged by people reading them, never by timed unit tests.
 */
import { existsSync } from 'node:fs';
import { MEDIA, mb, type BenchSection } from './bench/bench-support.js';
import { faceBench } from './bench/face-bench.js';
import { speechBench } from './bench/speech-bench.js';
import { speechCliBench } from './bench/speech-cli-bench.js';
import { performanceBench } from './bench/performance-bench.js';
import { warpBench } from './bench/warp-bench.js';
import { renderBench } from './bench/render-bench.js';
import { batchBench } from './bench/batch-bench.js';
import { dubBench, dubLongBench } from './bench/dub-bench.js';
import { farmBench } from './bench/farm-bench.js';
import { farmFollowBench } from './bench/farm-follow-bench.js';
import { provenanceBench } from './bench/provenance-bench.js';
import { previewBench } from './bench/preview-bench.js';

const SECTIONS: BenchSection[] = [faceBench, speechBench, speechCliBench, performanceBench, warpBench, renderBench, batchBench, dubBench, dubLongBench, farmBench, farmFollowBench, previewBench, provenanceBench];

async function main() {
  if (!existsSync(MEDIA)) throw new Error(`media folder not found: ${MEDIA} (set MOUTHPIECE_MEDIA)`);
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !SECTIONS.some((s) => s.name === w));
  if (unknown.length) throw new Error(`unknown bench section(s): ${unknown.join(', ')}; have ${SECTIONS.map((s) => s.name).join(', ')}`);
  console.log(`Mouthpiece bench — node ${process.version}, ${process.arch}, media ${MEDIA}`);
  const rssBefore = process.memoryUsage().rss;
  for (const section of SECTIONS) {
    if (wanted.length ? !wanted.includes(section.name) : section.optIn) continue;
    await section.run();
  }
  const peakRssKb = process.resourceUsage().maxRSS;
  console.log(`memory         peak RSS of the whole run ${mb(peakRssKb * 1024)} (process start ${mb(rssBefore)})`);
}

main().catch((error) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
