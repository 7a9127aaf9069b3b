import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { synthesizeSpeech } from './espeak-synth.js';
import { listVoices, resolveVoice } from './espeak-voices.js';
import type { PhonemeTimeline } from './speech-types.js';

function expectWellFormed(timeline: PhonemeTimeline): void {
  expect(timeline.phonemes.length).toBeGreaterThan(3);
  expect(timeline.phonemes[0].start).toBe(0);
  expect(timeline.phonemes.at(-1)?.end).toBeCloseTo(timeline.durationSec, 9);
  for (const [i, p] of timeline.phonemes.entries()) {
    expect(p.end).toBeGreaterThan(p.start);
    if (i > 0) expect(p.start).toBe(timeline.phonemes[i - 1].end);
    if (p.word !== undefined) {
      const word = timeline.words[p.word];
      expect(p.start).toBeGreaterThanOrEqual(word.start);
      expect(p.end).toBeLessThanOrEqual(word.end);
    }
  }
}

/** RMS in dB of a window of samples. */
function windowDb(samples: Float32Array, sampleRate: number, startSec: number, endSec: number): number {
  let sum = 0;
  const a = Math.floor(startSec * sampleRate);
  const b = Math.max(a + 1, Math.floor(endSec * sampleRate));
  for (let i = a; i < b; i++) sum += samples[i] * samples[i];
  return 10 * Math.log10(sum / (b - a) + 1e-12);
}

describe('synthesizeSpeech (eSpeak NG)', () => {
  it('speaks English with exact word and phoneme timings, stress and word indexes', async () => {
    const started = performance.now();
    const { audio, timeline, voice } = await synthesizeSpeech('Bob bought a big map. Please be patient, Mom!');
    const ms = performance.now() - started;
    console.log(`synthesised ${audio.durationSec.toFixed(2)} s in ${ms.toFixed(0)} ms (${(audio.durationSec / (ms / 1000)).toFixed(1)}× real time, first call includes loading)`);
    expect(voice.language).toBe('en-us');
    expect(audio.sampleRate).toBe(22050);
    expect(audio.durationSec).toBeGreaterThan(2);
    expect(audio.durationSec).toBeLessThan(5);
    expect(timeline).toMatchObject({ source: 'tts', confidence: 1 });
    expectWellFormed(timeline);
    expect(timeline.words.map((w) => w.text)).toEqual(['Bob', 'bought', 'a', 'big', 'map', 'Please', 'be', 'patient', 'Mom']);
    expect(timeline.phonemes.some((p) => p.stressed)).toBe(true);
    expect(timeline.phonemes.some((p) => p.phoneme === '_' && p.start > 0.5)).toBe(true);
    // The sound is where the timeline says: vowels are loud, the pause after "map." is quiet.
    const sentencePause = timeline.phonemes.find((p) => p.phoneme === '_' && p.start > 0.5)!;
    const firstVowel = timeline.phonemes.find((p) => p.stressed)!;
    expect(windowDb(audio.samples, audio.sampleRate, firstVowel.start, firstVowel.end)).toBeGreaterThan(windowDb(audio.samples, audio.sampleRate, sentencePause.start + 0.02, sentencePause.end - 0.02) + 20);
    const bilabials = timeline.phonemes.filter((p) => ['b', 'p', 'm'].includes(p.phoneme));
    expect(bilabials.length).toBeGreaterThanOrEqual(8);
  });

  it('speaks faster at a higher rate and follows the pitch setting', async () => {
    const slow = await synthesizeSpeech('The quick brown fox jumps over the lazy dog.', { rate: 120 });
    const fast = await synthesizeSpeech('The quick brown fox jumps over the lazy dog.', { rate: 300 });
    expect(fast.audio.durationSec).toBeLessThan(slow.audio.durationSec * 0.6);
    expect(fast.timeline.phonemes.map((p) => p.phoneme)).toEqual(slow.timeline.phonemes.map((p) => p.phoneme));
  });

  it('speaks other languages by code', async () => {
    for (const [voice, text, language] of [
      ['es', 'El niño comió paella en Madrid.', 'roa/es'],
      ['fr', 'Bonjour à tous, comment ça va?', 'roa/fr'],
      ['de', 'Guten Morgen, wie geht es dir?', 'gmw/de'],
      ['zh', '你好世界', 'sit/cmn'],
    ] as const) {
      const { timeline, voice: used } = await synthesizeSpeech(text, { voice });
      expect(used.identifier).toBe(language);
      expectWellFormed(timeline);
      expect(timeline.words.length).toBeGreaterThan(1);
    }
  });

  it('speaks a line the same whatever was spoken before it (a render must not depend on earlier renders)', async () => {
    const line = 'Hello there, this is a test. It has a second sentence, and then a third one.';
    const first = await synthesizeSpeech(line);
    for (const other of ['Something else entirely, in another voice and pitch.', 'And a longer one. '.repeat(20)]) {
      await synthesizeSpeech(other, { voice: 'fr', pitch: 80, rate: 240 });
      const again = await synthesizeSpeech(line);
      expect(again.timeline.words.length).toBe(first.timeline.words.length);
      expect(Buffer.from(again.audio.samples.buffer).equals(Buffer.from(first.audio.samples.buffer))).toBe(true);
    }
    expect(first.timeline.words).toHaveLength(16);
  });

  it('refuses a text too long for one line, and still speaks afterwards', async () => {
    await expect(synthesizeSpeech('word '.repeat(300_000))).rejects.toThrow(/too long to speak as one line/);
    expect((await synthesizeSpeech('Still here.')).timeline.words).toHaveLength(2);
  });

  it('refuses bad arguments with a clear reason', async () => {
    const reasons = await Promise.all(
      [
        synthesizeSpeech('hello', { voice: 'xx-nowhere' }),
        synthesizeSpeech('   '),
        synthesizeSpeech('hello', { rate: 20 }),
        synthesizeSpeech('hello', { pitch: 120 }),
      ].map((p) => p.then(() => null, (e: unknown) => e)),
    );
    for (const reason of reasons) expect(reason).toBeInstanceOf(InputError);
    expect((reasons[0] as Error).message).toMatch(/Unknown voice "xx-nowhere".*--list-voices/);
    expect((reasons[2] as Error).message).toMatch(/rate must be between 80 and 450/);
  });
});

describe('listVoices', () => {
  it('lists every eSpeak voice with codes that resolve', async () => {
    const voices = await listVoices();
    expect(voices.length).toBeGreaterThan(100);
    for (const code of ['en-us', 'en-gb', 'es', 'fr', 'de', 'cmn', 'ja', 'ar', 'hi']) {
      const voice = await resolveVoice(code);
      expect(voices.some((v) => v.identifier === voice.identifier && v.languages.includes(code))).toBe(true);
    }
    expect((await resolveVoice('en')).identifier).toBe('gmw/en');
    expect((await resolveVoice('English (America)')).language).toBe('en-us');
    expect((await resolveVoice('gmw/en-US')).language).toBe('en-us');
    expect((await resolveVoice('EN-US')).language).toBe('en-us');
  });
});

describe('synthesis across processes', () => {
  it('speaks a breathy voice (noise in every frame) the same in two fresh processes', () => {
    // eSpeak seeds its noise from the clock at start-up; two processes a moment apart must still agree.
    const script = [
      "import { createHash } from 'node:crypto';",
      `import { synthesizeSpeech } from ${JSON.stringify(new URL('./espeak-synth.ts', import.meta.url).pathname)};`,
      "const { audio } = await synthesizeSpeech('Papa a pris le bateau.', { voice: 'fr+f3' });",
      "console.log(createHash('sha256').update(audio.samples).digest('hex'));",
    ].join('\n');
    const run = () => execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }).trim();
    const first = run();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(run()).toBe(first);
  }, 60_000);
});
