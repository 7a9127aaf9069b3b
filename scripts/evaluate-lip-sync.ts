/**
 * `npm run eval:lip-sync [-- --part held-out|tuning] [--keep DIR] [--media] [--peer headaudio]`: the audio-only route (the
 * studio's route for a recording without a transcript) scored against exact phoneme times on the eSpeak corpus
 * (electron/engine/speech/evaluation). Report held-out figures only; the tuning part is for development.
 * `--peer headaudio` scores the published peer @met4citizen/headaudio instead, on the same clips and curves
 * (evaluation/headaudio-peer.ts); `--peer-modules DIR` finds it in another node_modules folder, and `--peer-lead-ms N[,N…]`
 * moves its visemes N ms earlier (it is causal; choose N on the tuning part), one table per N.
 * `--keep DIR` writes each clip (16-bit WAV) and its reference phonemes (JSON) there, e.g. for a peer to run on;
 * the corpus is generated each time and never committed (test-output/ is ignored by git). `--media` scores the
 * real recordings of the media folder (every language) against their aligned transcripts instead (with `--peer`, the
 * peer's; the first `--peer-lead-ms`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveFfmpegTools } from '../electron/engine/media/index.js';
import { analyzeSpeech, decodeAudio, scoreLipSync, writeWavFile } from '../electron/engine/speech/index.js';
import { MEDIA } from './bench/bench-support.js';
import { formatSummaryTable, generateCorpusClip, scoreClip, summariseByGroup, type ClipScore } from '../electron/engine/speech/evaluation/evaluate-lip-sync.js';
import { listCorpusItems, type CorpusPart } from '../electron/engine/speech/evaluation/lip-sync-corpus.js';
import { headAudioCurves, loadHeadAudioPeer, type HeadAudioPeer } from '../electron/engine/speech/evaluation/headaudio-peer.js';

/** Language of each media clip with a transcript, from its name's prefix. */
const MEDIA_LANGUAGES: Record<string, string> = { en: 'en-us', es: 'es', fr: 'fr', zh: 'cmn' };

/**
 * Real recordings in every language of the media folder: the audio-only route judged against the phoneme
 * times the aligner finds with the clip's transcript (a reference, not ground truth: the aligner errs too).
 */
async function evaluateMedia(tools: Awaited<ReturnType<typeof resolveFfmpegTools>>, peer?: { peer: HeadAudioPeer; leadSec: number }) {
  const dir = join(MEDIA, 'audio');
  const route = peer ? `peer @met4citizen/headaudio ${peer.peer.version}, visemes ${peer.leadSec * 1000} ms earlier` : 'audio-only route';
  console.log(`${`media clip (reference: aligned transcript), ${route}`.padEnd(48)} b/p/m  closed  false (/10 s)  open vowels opened`);
  for (const file of readdirSync(dir).filter((f) => /\.(wav|ogg)$/.test(f)).sort()) {
    const textFile = join(dir, file.replace(/\.\w+$/, '.txt'));
    if (!existsSync(textFile)) continue;
    const audio = await decodeAudio(tools, join(dir, file));
    const language = MEDIA_LANGUAGES[file.slice(0, 2)] ?? 'en-us';
    const aligned = await analyzeSpeech({ audio, transcript: readFileSync(textFile, 'utf8'), language, fps: 30 });
    const curves = peer ? headAudioCurves(peer.peer, audio, { fps: 30, leadSec: peer.leadSec }) : (await analyzeSpeech({ audio, fps: 30 })).curves;
    const reference = aligned.timeline.phonemes;
    const s = scoreLipSync(reference, curves);
    const speechSec = reference.filter((p) => p.phoneme !== '_').reduce((sum, p) => sum + p.end - p.start, 0);
    const falses = s.pressRuns - s.pressRunsOnBilabial;
    const pct = (a: number, b: number) => `${b ? ((100 * a) / b).toFixed(0) : '–'} %`.padStart(5);
    console.log(
      `${`${file} (${language})`.padEnd(48)} ${String(s.closures).padStart(5)}  ${pct(s.closuresHit, s.closures)}  ${String(falses).padStart(3)} (${((10 * falses) / speechSec).toFixed(1).padStart(4)})     ${pct(s.openVowelsHit, s.openVowels)} of ${s.openVowels}`,
    );
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      part: { type: 'string', default: 'held-out' },
      keep: { type: 'string' },
      json: { type: 'boolean' },
      media: { type: 'boolean' },
      peer: { type: 'string' },
      'peer-modules': { type: 'string' },
      'peer-lead-ms': { type: 'string', default: '0' },
    },
  });
  if (values.peer !== undefined && values.peer !== 'headaudio') throw new Error(`--peer must be headaudio, got ${values.peer}`);
  const peer = values.peer ? await loadHeadAudioPeer(values['peer-modules']) : undefined;
  const leadsSec = peer ? values['peer-lead-ms'].split(',').map((ms) => Number(ms) / 1000) : [0];
  if (values.media) return evaluateMedia(await resolveFfmpegTools(), peer && { peer, leadSec: leadsSec[0] });
  const part = values.part as CorpusPart;
  if (part !== 'held-out' && part !== 'tuning') throw new Error(`--part must be held-out or tuning, got ${values.part}`);
  const route = (leadSec: number) => (peer ? `peer @met4citizen/headaudio ${peer.version}, visemes ${leadSec * 1000} ms earlier` : 'audio-only route');
  const tools = await resolveFfmpegTools();
  const items = listCorpusItems(part);
  if (values.keep) await mkdir(values.keep, { recursive: true });
  const scores: ClipScore[][] = leadsSec.map(() => []);
  const started = performance.now();
  for (const [index, item] of items.entries()) {
    const clip = await generateCorpusClip(tools, item, index);
    for (const [k, leadSec] of leadsSec.entries()) {
      const curves = peer ? headAudioCurves(peer, clip.audio, { fps: 30, leadSec }) : (await analyzeSpeech({ audio: clip.audio, fps: 30 })).curves;
      scores[k].push(scoreClip(clip, curves));
    }
    if (values.keep) {
      const base = join(values.keep, `${String(index).padStart(3, '0')}`);
      await writeWavFile(`${base}.wav`, clip.audio);
      await writeFile(`${base}.json`, JSON.stringify({ item, reference: clip.reference }));
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  for (const [k, leadSec] of leadsSec.entries()) {
    const rows = summariseByGroup(scores[k]);
    if (values.json) console.log(JSON.stringify(rows));
    else console.log(`${part} corpus, ${items.length} clips, ${route(leadSec)}, ${seconds} s\n${formatSummaryTable(rows)}\n`);
  }
}

main().catch((error) => {
  console.error(`evaluate-lip-sync failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
