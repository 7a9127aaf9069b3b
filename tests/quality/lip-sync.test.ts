import { describe, expect, it } from 'vitest';
import { buildDecodeMonoPcmArgs, frameEnvelope } from '../../electron/engine/quality/audio-envelope.js';
import { isBilabial, isOpenVowel, laggedCorrelation, measureArticulation, measureLipSync, unambiguousMaxLag } from '../../electron/engine/quality/lip-sync.js';
import type { TimedPhoneme } from '../../electron/engine/speech/speech-types.js';

const fps = 25;
/** "Bob, ma!" at 25 fps: b 0.20–0.28, ɑ 0.28–0.44, b 0.44–0.52, m 0.80–0.88, ɑː 0.88–1.08. */
const phonemes: TimedPhoneme[] = [
  { start: 0.2, end: 0.28, phoneme: 'b' },
  { start: 0.28, end: 0.44, phoneme: 'ˈɑ' },
  { start: 0.44, end: 0.52, phoneme: 'b' },
  { start: 0.52, end: 0.8, phoneme: '_' },
  { start: 0.8, end: 0.88, phoneme: 'm' },
  { start: 0.88, end: 1.08, phoneme: 'ɑː' },
  { start: 1.08, end: 1.2, phoneme: 's' },
];

function gapsWhere(value: (t: number) => number, frames = 30): number[] {
  return Array.from({ length: frames }, (_, i) => value(i / fps));
}
const inside = (t: number, p: TimedPhoneme) => t >= p.start - 1e-9 && t < p.end - 1e-9;

describe('phoneme classes', () => {
  it('knows bilabials and open vowels in eSpeak IPA, stress marks and length included', () => {
    expect(['p', 'b', 'm', 'ˈb', 'pʰ'].every(isBilabial)).toBe(true);
    expect(['f', 'n', 'ɑ', '_'].some(isBilabial)).toBe(false);
    expect(['a', 'ɑː', 'ˈæ', 'aɪ', 'aʊ', 'ɔː', 'ʌ'].every(isOpenVowel)).toBe(true);
    expect(['i', 'uː', 'ə', 'e', 'm'].some(isOpenVowel)).toBe(false);
  });
});

describe('articulation at phonemes', () => {
  it('passes a mouth that shuts at every b/p/m and opens at every open vowel', () => {
    const lipGap = gapsWhere((t) => (phonemes.some((p) => isBilabial(p.phoneme) && inside(t, p)) ? 0.004 : phonemes.some((p) => isOpenVowel(p.phoneme) && inside(t, p)) ? 0.09 : 0.03));
    const result = measureArticulation({ lipGap, fps, phonemes });
    expect(result.closures).toMatchObject({ count: 3, closedShare: 1 });
    expect(result.openVowels).toMatchObject({ count: 2, openShare: 1 });
  });

  it('fails a mouth that never shuts, and one that barely opens', () => {
    const neverShut = measureArticulation({ lipGap: gapsWhere(() => 0.05), fps, phonemes });
    expect(neverShut.closures.closedShare).toBe(0);
    const mumbling = measureArticulation({ lipGap: gapsWhere((t) => 0.005 + 0.01 * Math.sin(t * 20) ** 2), fps, phonemes });
    expect(mumbling.openVowels.openShare).toBe(0);
  });

  it('counts a closure that lands in the neighbouring frame of a short b as missed only if no frame of the b shuts', () => {
    // b at 0.20–0.28 covers frames 5 and 6; shutting only in frame 7 is late.
    const late = gapsWhere((t) => (Math.round(t * fps) === 7 ? 0.004 : 0.05));
    const result = measureArticulation({ lipGap: late, fps, phonemes: [phonemes[0]] });
    expect(result.closures.closedShare).toBe(0);
    const onTime = gapsWhere((t) => (Math.round(t * fps) === 6 ? 0.004 : 0.05));
    expect(measureArticulation({ lipGap: onTime, fps, phonemes: [phonemes[0]] }).closures.closedShare).toBe(1);
  });
});

describe('lag search', () => {
  it('finds a known delay between two noisy series, and correlation 1 for a series with itself', () => {
    const base = Array.from({ length: 150 }, (_, i) => Math.sin(i * 0.37) + Math.sin(i * 0.11 + 1) + 0.3 * Math.cos(i * 1.3));
    expect(laggedCorrelation(base, base, 0)).toBeCloseTo(1, 9);
    const mouthLate = base.map((_, i) => base[Math.max(0, i - 3)]);
    const result = measureLipSync({ lipGap: mouthLate, envelope: base, fps });
    expect(result.peakLagFrames).toBe(3);
    expect(result.correlations).toHaveLength(21);
  });
});

describe('sound envelope', () => {
  it('decodes the speech band to 16 kHz mono float, padded to the file start', () => {
    const args = buildDecodeMonoPcmArgs({ inputPath: 'in.mp4' });
    expect(args.slice(args.indexOf('-i'), args.indexOf('-i') + 2)).toEqual(['-i', 'in.mp4']);
    expect(args).toEqual(expect.arrayContaining(['-ac', '1', '-ar', '16000', '-f', 'f32le', 'pipe:1']));
    expect(args[args.indexOf('-af') + 1]).toBe('aresample=async=1:first_pts=0,highpass=f=300,lowpass=f=3000');
    expect(buildDecodeMonoPcmArgs({ inputPath: 'in.mp4', bandHz: null })[args.indexOf('-af') + 1]).toBe('aresample=async=1:first_pts=0');
  });

  it('gives each frame the loudness of the sound played during it', () => {
    const sampleRateHz = 1000;
    const samples = new Float32Array(1000);
    samples.fill(0.5, 400, 440); // frame 10 of 25 fps is 0.40–0.44 s
    const envelope = frameEnvelope(samples, { sampleRateHz, fps: 25, frameCount: 25 });
    expect(envelope[10]).toBeCloseTo(0.25, 6);
    expect(envelope[9]).toBeCloseTo(0.125, 6);
    expect(envelope[5]).toBe(0);
  });
});

describe('unambiguousMaxLag', () => {
  // syllables every `period` frames, 4 s at 25 fps, with a little irregularity so it is speech-like, not a pure tone
  const rhythm = (period: number) => Array.from({ length: 100 }, (_, i) => Math.max(0, Math.sin((2 * Math.PI * i) / period + 0.3 * Math.sin(i / 7))));

  it('keeps the lag search under half the syllable period, where a side peak one syllable off cannot win', () => {
    expect(unambiguousMaxLag(rhythm(8), fps)).toBe(3);
    expect(unambiguousMaxLag(rhythm(6), fps)).toBe(2);
    expect(unambiguousMaxLag(rhythm(12), fps)).toBe(5);
  });

  it('finds a synced mouth on a rhythmic voice at lag 0 within that window', () => {
    const envelope = rhythm(8);
    const lipGap = envelope.map((v, i) => v + 0.6 * Math.max(0, Math.sin((2 * Math.PI * (i - 8)) / 8.5)));
    const window = unambiguousMaxLag(envelope, fps);
    expect(measureLipSync({ lipGap, envelope, fps, maxLagFrames: window }).peakLagFrames).toBe(0);
  });

  it('searches the whole default range when the envelope has no rhythm to echo', () => {
    const burst = Array.from({ length: 100 }, (_, i) => (i >= 40 && i < 46 ? 1 : 0));
    expect(unambiguousMaxLag(burst, fps)).toBe(10);
  });
});
