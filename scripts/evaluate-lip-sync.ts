/**
 * `npm run eval:lip-sync [-- --part held-out|tuning] [--keep DIR]`: the audio-only route (the studio's route for a
 * recording without a transcript) scored against exact phoneme times on the eSpeak corpus
 * (electron/engine/speech/evaluation). Report held-out figures only; the tuning part is for development.
 * `--keep DIR` writes each clip (16-bit WAV) and its reference phonemes (JSON) there, e.g. for a peer to run on;
 * the corpus is generated each time and never committed (test-output/ is ignored by git).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveFfmpegTools } from '../electron/engine/media/index.js';
import { analyzeSpeech, writeWavFile } from '../electron/engine/speech/index.js';
import { formatSummaryTable, generateCorpusClip, scoreClip, summariseByGroup, type ClipScore } from '../electron/engine/speech/evaluation/evaluate-lip-sync.js';
import { listCorpusItems, type CorpusPart } from '../electron/engine/speech/evaluation/lip-sync-corpus.js';

async function main() {
  const { values } = parseArgs({ options: { part: { type: 'string', default: 'held-out' }, keep: { type: 'string' }, json: { type: 'boolean' } } });
  const part = values.part as CorpusPart;
  if (part !== 'held-out' && part !== 'tuning') throw new Error(`--part must be held-out or tuning, got ${values.part}`);
  const tools = await resolveFfmpegTools();
  const items = listCorpusItems(part);
  if (values.keep) await mkdir(values.keep, { recursive: true });
  const scores: ClipScore[] = [];
  const started = performance.now();
  for (const [index, item] of items.entries()) {
    const clip = await generateCorpusClip(tools, item, index);
    const analysis = await analyzeSpeech({ tools }, { audio: clip.audio, fps: 30 });
    scores.push(scoreClip(clip, analysis.curves));
    if (values.keep) {
      const base = join(values.keep, `${String(index).padStart(3, '0')}`);
      await writeWavFile(`${base}.wav`, clip.audio);
      await writeFile(`${base}.json`, JSON.stringify({ item, reference: clip.reference }));
    }
  }
  const rows = summariseByGroup(scores);
  if (values.json) console.log(JSON.stringify(rows));
  else console.log(`${part} corpus, ${items.length} clips, audio-only route, ${((performance.now() - started) / 1000).toFixed(0)} s\n${formatSummaryTable(rows)}`);
}

main().catch((error) => {
  console.error(`evaluate-lip-sync failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
