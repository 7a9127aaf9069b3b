import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FfmpegTools } from '../media/ffmpeg-tools.js';
import { getTools, hasSharedMedia, media } from '../media/test-support/media-fixtures.js';
import { alignTranscript } from './align-transcript.js';
import { decodeAudio } from './decode-audio.js';
import { synthesizeSpeech } from './espeak-synth.js';
import type { PcmAudio } from './speech-types.js';
import { detectSpeech } from './vad.js';

/** Two clean clips and one under music (its words are placed, but its onset is no sure reference: the VAD hears the music first). */
const CLIPS = ['en_jfk_inaugural.wav', 'en_ljspeech_LJ001-0001.wav', 'en_noisy_fleurs_en_005_music5dB_pink15dB.wav'];
const CLEAN = new Set(['en_jfk_inaugural.wav', 'en_ljspeech_LJ001-0001.wav']);
const REPEATS = 6;
const GAP_SEC = 0.6;

let tools: FfmpegTools;
beforeAll(async () => {
  tools = await getTools();
});

describe.skipIf(!hasSharedMedia)('alignTranscript on minutes of speech', () => {
  it('keeps every clip of a ~3-minute recording on its own words, in order, with bounded memory', async () => {
    const clips = await Promise.all(CLIPS.map(async (clip) => ({ clip, audio: await decodeAudio(tools, media(`audio/${clip}`)), text: readFileSync(media(`audio/${clip.replace('.wav', '.txt')}`), 'utf8').trim() })));
    const wordsPerClip = await Promise.all(clips.map(async (c) => (await synthesizeSpeech(c.text)).timeline.words.length));
    const pieces = Array.from({ length: REPEATS }, () => clips.map((c, k) => ({ ...c, words: wordsPerClip[k] }))).flat();
    const gap = Math.round(GAP_SEC * 16000);
    const total = pieces.reduce((n, p) => n + p.audio.samples.length + gap, 0);
    const samples = new Float32Array(total);
    const offsets: number[] = [];
    let at = 0;
    for (const p of pieces) {
      offsets.push(at / 16000);
      samples.set(p.audio.samples, at);
      at += p.audio.samples.length + gap;
    }
    const audio: PcmAudio = { sampleRate: 16000, samples, durationSec: total / 16000 };
    const vad = await detectSpeech(audio);

    const rssBefore = process.resourceUsage().maxRSS * 1024;
    const started = performance.now();
    const timeline = await alignTranscript(audio, pieces.map((p) => p.text).join(' '), { vad });
    const ms = performance.now() - started;
    const peakGrowth = process.resourceUsage().maxRSS * 1024 - rssBefore;

    expect(timeline.words.length).toBe(pieces.reduce((n, p) => n + p.words, 0));
    for (let i = 1; i < timeline.words.length; i++) expect(timeline.words[i].start).toBeGreaterThanOrEqual(timeline.words[i - 1].end - 1e-6);
    // Each clip's first word starts where its speech starts (the VAD's first onset after the clip begins).
    const onsetErrors: number[] = [];
    const cleanConfidence: number[] = [];
    let word = 0;
    for (const [k, p] of pieces.entries()) {
      if (CLEAN.has(p.clip)) {
        const onset = vad.find((s) => s.end > offsets[k] + 0.05)!.start;
        onsetErrors.push(Math.abs(timeline.words[word].start - Math.max(onset, offsets[k])));
        for (const w of timeline.words.slice(word, word + p.words)) cleanConfidence.push(w.confidence ?? 0);
      }
      word += p.words;
    }
    const meanCleanConfidence = cleanConfidence.reduce((a, b) => a + b, 0) / cleanConfidence.length;
    const inSpeech = timeline.words.filter((w) => vad.some((s) => (w.start + w.end) / 2 >= s.start && (w.start + w.end) / 2 <= s.end)).length;
    console.log(
      `${audio.durationSec.toFixed(0)} s, ${timeline.words.length} words aligned in ${ms.toFixed(0)} ms; clean clips' first words off their onset by ${onsetErrors.map((e) => e.toFixed(2)).join(' ')} s (max ${Math.max(...onsetErrors).toFixed(2)} s); ` +
        `${inSpeech} words with their middle in speech; confidence ${timeline.confidence} (clean clips' words ${meanCleanConfidence.toFixed(2)}); peak RSS grew ${(peakGrowth / 2 ** 20).toFixed(0)} MiB`,
    );
    // A clean clip right after the one under music may start a word early (its music sounds like speech to both).
    expect(onsetErrors.filter((e) => e <= 0.1).length / onsetErrors.length).toBeGreaterThanOrEqual(0.8);
    expect(Math.max(...onsetErrors)).toBeLessThan(1);
    expect(inSpeech / timeline.words.length).toBeGreaterThan(0.9);
    expect(peakGrowth).toBeLessThan(400 * 2 ** 20);
  }, 60_000);
});
