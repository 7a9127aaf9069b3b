import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { resolveFfmpegTools } from '../../electron/engine/media/index.js';
import {
  analyzeSpeech,
  decodeAudio,
  envelopeLagFrames,
  estimateVisemesFromAudio,
  resamplePcm,
  scoreLipSync,
  synthesizeSpeech,
  type LipSyncScore,
  type PcmAudio,
} from '../../electron/engine/speech/index.js';
import { MEDIA, median, type BenchSection } from './bench-support.js';

const LOOP_SEC = 30;
/** A long recording: alignment must stay linear in time and memory. */
const LONG_SEC = 180;
/** Sentences rich in b/p/m and open vowels (the first three are those of audio-only.int.test.ts). */
const CLOSURE_SENTENCES = [
  'The mob of bumblebees buzzed above the apple pie.',
  'Mark parked the bus by the barn and bought a map.',
  'Bring me both bottles of maple syrup, please.',
  'A bright map made by a brave pilot.',
  'Please bring the lamp, the pump and the broom.',
  'My brother bakes bread by the bay every Monday morning.',
  'The big black bear ambled past the marble pillars.',
  'Pablo and Emma played ping pong at the ball park.',
];

/** The clip repeated to `seconds`: a realistic long recording without inventing audio. */
function loopTo(audio: PcmAudio, seconds: number): PcmAudio {
  const n = Math.round(seconds * audio.sampleRate);
  const samples = new Float32Array(n);
  for (let i = 0; i < n; i += audio.samples.length) samples.set(audio.samples.subarray(0, Math.min(audio.samples.length, n - i)), i);
  return { sampleRate: audio.sampleRate, samples, durationSec: n / audio.sampleRate };
}

/**
 * Median wall time and CPU time (process.cpuUsage: all threads, user + system) of `runs` runs after a warm-up.
 * On a loaded machine the wall time inflates; CPU time says what the work itself costs.
 */
async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; result: T }> {
  // runs = 0: one cold run, timed (for long work that should not be repeated).
  let result = runs > 0 ? await fn() : (undefined as T); // warm-up (models, eSpeak)
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    result = await fn();
    const used = process.cpuUsage(c0);
    cpu.push((used.user + used.system) / 1000);
    times.push(performance.now() - t0);
  }
  return { ms: median(times), cpuMs: median(cpu), result };
}

/** "wall … ms (N× real time), CPU … ms (N×)" for `seconds` of audio. */
const speed = (seconds: number, t: { ms: number; cpuMs: number }) =>
  `wall ${t.ms.toFixed(0)} ms ${(seconds / (t.ms / 1000)).toFixed(0)}× real time, CPU ${t.cpuMs.toFixed(0)} ms ${(seconds / (t.cpuMs / 1000)).toFixed(0)}×`;

const pct = (hit: number, total: number) => `${total ? ((100 * hit) / total).toFixed(0) : '–'} % (${hit}/${total})`;

async function benchClosures(voice: string) {
  const audioOnly: LipSyncScore = { closures: 0, closuresHit: 0, pressRuns: 0, pressRunsOnBilabial: 0, falseRunsInPause: 0, openVowels: 0, openVowelsHit: 0 };
  let ttsClosures = 0;
  let ttsHit = 0;
  for (const text of CLOSURE_SENTENCES) {
    const { audio, timeline } = await synthesizeSpeech(text, { voice });
    const s = scoreLipSync(timeline.phonemes, estimateVisemesFromAudio(resamplePcm(audio, 16000), { fps: 30 }).curves);
    for (const k of Object.keys(audioOnly) as (keyof LipSyncScore)[]) audioOnly[k] += s[k];
    const viaTts = scoreLipSync(timeline.phonemes, (await analyzeSpeech({ audio, ttsTimeline: timeline, fps: 30 })).curves, { toleranceFrames: 0 });
    ttsClosures += viaTts.closures;
    ttsHit += viaTts.closuresHit;
  }
  console.log(
    `lip closures   ${voice.padEnd(6)} audio-only: b/p/m closed ±1 frame ${pct(audioOnly.closuresHit, audioOnly.closures)}, presses on a b/p/m ${pct(audioOnly.pressRunsOnBilabial, audioOnly.pressRuns)}, open vowels opened ${pct(audioOnly.openVowelsHit, audioOnly.openVowels)}; TTS timeline: closed at their own frame ${pct(ttsHit, ttsClosures)}`,
  );
}

export const speechBench: BenchSection = {
  name: 'speech',
  async run() {
    const tools = await resolveFfmpegTools();
    const clip = join(MEDIA, 'audio', 'en_jfk_inaugural.wav');
    const clipAudio = await decodeAudio(tools, clip);
    const audio = loopTo(clipAudio, LOOP_SEC);
    const repeats = Math.ceil(LOOP_SEC / clipAudio.durationSec);
    const clipText = readFileSync(join(MEDIA, 'audio', 'en_jfk_inaugural.txt'), 'utf8').trim();
    const transcript = Array(repeats).fill(clipText).join(' ');

    console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
    const plain = await timed(3, () => analyzeSpeech({ audio, fps: 30 }));
    console.log(`visemes        ${LOOP_SEC} s (en_jfk looped), audio-only       ${speed(LOOP_SEC, plain)}  ${plain.result.visemes.length} visemes`);
    const aligned = await timed(2, () => analyzeSpeech({ audio, transcript, fps: 30 }));
    console.log(`visemes        ${LOOP_SEC} s (en_jfk looped), with transcript  ${speed(LOOP_SEC, aligned)}  ${aligned.result.visemes.length} visemes (${aligned.result.timeline.source})`);
    const longAudio = loopTo(clipAudio, LONG_SEC);
    const longTranscript = Array(Math.ceil(LONG_SEC / clipAudio.durationSec)).fill(clipText).join(' ');
    const rssBefore = process.resourceUsage().maxRSS;
    const long = await timed(0, () => analyzeSpeech({ audio: longAudio, transcript: longTranscript, fps: 30 }));
    const rssGrowth = ((process.resourceUsage().maxRSS - rssBefore) / 1024).toFixed(0);
    console.log(`visemes        ${LONG_SEC} s (en_jfk looped), with transcript  ${speed(LONG_SEC, long)}  peak RSS grew ${rssGrowth} MiB  ${long.result.timeline.words.length} words`);
    const text = transcript;
    const say = await timed(3, () => synthesizeSpeech(text));
    const sayAudioSec = say.result.audio.durationSec;
    console.log(`say            ${text.split(/\s+/).length} words → ${sayAudioSec.toFixed(1)} s of speech  ${speed(sayAudioSec, say)}`);
    const sayAndVisemes = await timed(2, () => analyzeSpeech({ audio: say.result.audio, ttsTimeline: say.result.timeline, fps: 30 }));
    console.log(`visemes        ${sayAudioSec.toFixed(1)} s of TTS with its timeline        ${speed(sayAudioSec, sayAndVisemes)}`);

    for (const file of ['en_jfk_inaugural.wav', 'en_ljspeech_LJ001-0001.wav', 'en_noisy_fleurs_en_005_music5dB_pink15dB.wav', 'es_fleurs_es_000.ogg', 'fr_fleurs_fr_002.ogg', 'zh_fleurs_1883.wav']) {
      const a = await analyzeSpeech({ audio: await decodeAudio(tools, join(MEDIA, 'audio', file)), fps: 30 });
      const speechSec = a.vad.reduce((s, v) => s + v.end - v.start, 0);
      const kinds = new Set(a.visemes.map((v) => v.viseme)).size;
      const closed = a.curves.lipPress.filter((v) => v >= 0.8).length;
      const open = a.curves.jawOpen.filter((v) => v >= 0.4).length;
      const { lag, correlation } = envelopeLagFrames(a.curves.jawOpen, a.loudness);
      console.log(
        `viseme track   ${file.slice(0, 30).padEnd(30)} ${speechSec.toFixed(1).padStart(5)} s speech  ${String(a.visemes.length).padStart(3)} visemes (${(a.visemes.length / speechSec).toFixed(1)}/s, ${kinds} kinds)  lips closed ${closed} / jaw open ${open} of ${a.curves.frameCount} frames  jaw↔loudness lag ${lag} (r ${correlation.toFixed(2)})`,
      );
    }
    for (const voice of ['en-us', 'en-gb']) await benchClosures(voice);
  },
};
