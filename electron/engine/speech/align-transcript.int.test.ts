import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { alignTranscript } from './align-transcript.js';
import { synthesizeSpeech, type SynthesizeOptions } from './espeak-synth.js';
import { resamplePcm } from './resample-pcm.js';
import type { PhonemeTimeline } from './speech-types.js';

const SENTENCES = ['Bob bought a big map of Boston.', 'Please bring me the purple umbrella by the blue boat.', 'My mother made maple muffins, and Pam baked bread.'];
const TEXT = SENTENCES.join(' ');
const BILABIAL = new Set(['b', 'p', 'm']);
const FRAME_30FPS = 1 / 30;

/**
 * Speaks TEXT with one eSpeak setting (the "recording", whose own phoneme events are the truth), aligns
 * it against a reference the aligner synthesises with other settings, and measures phoneme-start errors.
 */
async function measure(recording: SynthesizeOptions, alignOptions: Parameters<typeof alignTranscript>[2]) {
  const spoken = await synthesizeSpeech(TEXT, recording);
  const audio = resamplePcm(spoken.audio, 16000);
  const aligned = await alignTranscript(audio, TEXT, alignOptions);
  const truth = spoken.timeline.phonemes.filter((p) => p.phoneme !== '_');
  const got = aligned.phonemes.filter((p) => p.phoneme !== '_');
  expect(got.map((p) => p.phoneme)).toEqual(truth.map((p) => p.phoneme));
  const errorsMs = truth.map((p, i) => Math.abs(got[i].start - p.start) * 1000).sort((a, b) => a - b);
  const bilabial = truth.map((p, i) => ({ p, error: Math.abs(got[i].start - p.start) })).filter(({ p }) => BILABIAL.has(p.phoneme));
  return {
    aligned,
    medianMs: errorsMs[Math.floor(errorsMs.length / 2)],
    p90Ms: errorsMs[Math.floor(errorsMs.length * 0.9)],
    bilabialShare: bilabial.filter(({ error }) => error <= FRAME_30FPS).length / bilabial.length,
    bilabials: bilabial.length,
    phonemes: truth.length,
  };
}

function expectWellFormed(timeline: PhonemeTimeline, durationSec: number): void {
  expect(timeline.source).toBe('alignment');
  expect(timeline.phonemes[0].start).toBe(0);
  expect(timeline.phonemes.at(-1)?.end).toBeCloseTo(durationSec, 2);
  for (let i = 1; i < timeline.phonemes.length; i++) {
    expect(timeline.phonemes[i].start).toBeCloseTo(timeline.phonemes[i - 1].end, 6);
    expect(timeline.phonemes[i].end).toBeGreaterThan(timeline.phonemes[i].start);
  }
  for (let i = 1; i < timeline.words.length; i++) expect(timeline.words[i].start).toBeGreaterThanOrEqual(timeline.words[i - 1].start);
}

const report = (name: string, r: Awaited<ReturnType<typeof measure>>) =>
  console.log(
    `${name}: ${r.phonemes} phonemes, boundary error median ${r.medianMs.toFixed(0)} ms, p90 ${r.p90Ms.toFixed(0)} ms; ` +
      `b/p/m onsets within ±1 frame at 30 fps: ${(r.bilabialShare * 100).toFixed(0)} % of ${r.bilabials}; confidence ${r.aligned.confidence}`,
  );

describe('alignTranscript against known truth', () => {
  it('times phonemes spoken at another rate and pitch than its reference', async () => {
    const r = await measure({ voice: 'en-us', rate: 150, pitch: 35 }, { referenceRate: 210, referencePitch: 70 });
    report('rate 150/pitch 35 vs reference 210/70', r);
    expectWellFormed(r.aligned, r.aligned.durationSec);
    expect(r.medianMs).toBeLessThanOrEqual(15);
    expect(r.p90Ms).toBeLessThanOrEqual(40);
    expect(r.bilabialShare).toBeGreaterThanOrEqual(0.9);
    expect(r.aligned.confidence).toBeGreaterThan(0.8);
  });

  it('times phonemes of another voice (female variant, faster, higher) with a pace-matched reference', async () => {
    const r = await measure({ voice: 'en-us+f3', rate: 190, pitch: 60 }, {});
    report('voice f3, rate 190/pitch 60 vs default reference', r);
    expect(r.medianMs).toBeLessThanOrEqual(20);
    expect(r.p90Ms).toBeLessThanOrEqual(50);
    expect(r.bilabialShare).toBeGreaterThanOrEqual(0.85);
  });

  it('gives a wrong transcript a clearly lower confidence, and the wrong words the lowest', async () => {
    const spoken = await synthesizeSpeech(TEXT, { voice: 'en-us+f3', rate: 160, pitch: 60 });
    const audio = resamplePcm(spoken.audio, 16000);
    const right = await alignTranscript(audio, TEXT);
    const wrong = await alignTranscript(audio, 'The weather today is cold and windy, with a chance of snow in the evening hours across the northern hills.');
    const wrongMiddle = 'Seven lazy foxes sleep under the warm yellow sun.';
    const partly = await alignTranscript(audio, `${SENTENCES[0]} ${wrongMiddle} ${SENTENCES[2]}`);
    const meanOf = (from: number, to: number) => partly.words.slice(from, to).reduce((s, w) => s + (w.confidence ?? 0), 0) / (to - from);
    const first = SENTENCES[0].split(' ').length;
    const middle = wrongMiddle.split(' ').length;
    const [before, inside, after] = [meanOf(0, first), meanOf(first, first + middle), meanOf(first + middle, partly.words.length)];
    console.log(`confidence: right transcript ${right.confidence}, wrong ${wrong.confidence}, wrong middle sentence ${partly.confidence} (words: ${before.toFixed(2)} / ${inside.toFixed(2)} / ${after.toFixed(2)})`);
    expect(wrong.confidence).toBeLessThan(right.confidence - 0.5);
    expect(inside).toBeLessThan(Math.min(before, after) - 0.3);
    expect(partly.confidence).toBeLessThan(right.confidence);
  });

  it('refuses audio at another rate and an empty transcript', async () => {
    const audio = { sampleRate: 22050, samples: new Float32Array(22050), durationSec: 1 };
    await expect(alignTranscript(audio, 'hello')).rejects.toBeInstanceOf(InputError);
    const ok = { sampleRate: 16000, samples: new Float32Array(16000), durationSec: 1 };
    await expect(alignTranscript(ok, '  ')).rejects.toThrow(/transcript is empty/);
  });
});
