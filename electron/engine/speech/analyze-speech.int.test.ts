import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../errors.js';
import { resolveFfmpegTools, type FfmpegTools } from '../media/index.js';
import { analyzeSpeech } from './analyze-speech.js';
import { segmentFrames } from './coarticulation.js';
import { envelopeLagFrames } from './lip-sync-metrics.js';
import { decodeAudio } from './decode-audio.js';
import { hasSharedMedia, SAMPLE_VOICE, sharedMedia } from '../../../tests/helpers/shared-media.js';
import { synthesizeSpeech } from './espeak-synth.js';
import { VISEMES, phonemeToViseme } from './visemes.js';

const AUDIO = sharedMedia('audio');
const CLIPS = ['en_jfk_inaugural.wav', 'en_ljspeech_LJ001-0001.wav', 'en_noisy_fleurs_en_005_music5dB_pink15dB.wav', 'es_fleurs_es_000.ogg', 'fr_fleurs_fr_002.ogg', 'zh_fleurs_1883.wav'];

let tools: FfmpegTools;
beforeAll(async () => {
  tools = await resolveFfmpegTools();
});

describe('analyzeSpeech', () => {
  it('with the TTS timeline closes the lips at every b/p/m frame and reports source tts', async () => {
    for (const voice of ['en-us', 'es']) {
      const { audio, timeline } = await synthesizeSpeech(voice === 'es' ? 'Mi mamá compró una bomba y papas para Pablo.' : 'Bob bought a big pumpkin pie for my mom.', { voice });
      const result = await analyzeSpeech({ audio, ttsTimeline: timeline, fps: 30 }, {});
      expect(result.timeline.source).toBe('tts');
      // Speech stretches come from the synthesiser's own pauses: they start at the first phoneme and end at the last.
      const spoken = timeline.phonemes.filter((p) => p.phoneme !== '_');
      expect(result.vad[0].start).toBeCloseTo(spoken[0].start, 6);
      expect(result.vad.at(-1)!.end).toBeCloseTo(spoken.at(-1)!.end, 6);
      expect(result.curves.frameCount).toBe(Math.ceil(audio.durationSec * 30));
      const bilabials = timeline.phonemes.filter((p) => phonemeToViseme(p.phoneme) === 'PP');
      expect(bilabials.length).toBeGreaterThanOrEqual(5);
      for (const p of bilabials) {
        const [from, to] = segmentFrames(p.start, p.end, 30, result.curves.frameCount);
        for (let k = from; k <= to; k++) {
          expect(result.curves.lipPress[k], `${voice} ${p.phoneme} at ${p.start}s`).toBe(1);
          expect(result.curves.jawOpen[k]).toBeLessThanOrEqual(0.03);
        }
      }
      const open = timeline.phonemes.filter((p) => phonemeToViseme(p.phoneme) === 'aa' && p.end - p.start > 0.06);
      for (const p of open) {
        const [from, to] = segmentFrames(p.start, p.end, 30, result.curves.frameCount);
        expect(Math.max(...result.curves.jawOpen.slice(from, to + 1)), `${voice} ${p.phoneme} at ${p.start}s`).toBeGreaterThan(0.4);
      }
    }
  }, 15_000);

  it.skipIf(!hasSharedMedia).each(CLIPS)('gives a real voice (%s) a non-trivial viseme track from the sound alone', async (clip) => {
    const audio = await decodeAudio(tools, join(AUDIO, clip));
    const result = await analyzeSpeech({ audio, fps: 25 }, {});
    expect(result.timeline.source).toBe('audio-only');
    const speechSec = result.vad.reduce((s, v) => s + v.end - v.start, 0);
    expect(speechSec).toBeGreaterThan(3);
    // Speech changes shape several times a second and uses many shapes, including closures and open jaws.
    expect(result.visemes.length / speechSec).toBeGreaterThan(4);
    expect(new Set(result.visemes.map((v) => v.viseme)).size).toBeGreaterThanOrEqual(6);
    for (const v of result.visemes) expect(VISEMES).toContain(v.viseme);
    // Under music at 5 dB SNR closures cannot be heard reliably; in the clean clips they must be found.
    if (!clip.includes('noisy')) expect(result.curves.lipPress.filter((v) => v >= 0.8).length).toBeGreaterThan(5);
    const open = result.curves.jawOpen.filter((v) => v >= 0.4).length;
    expect(open / result.curves.frameCount).toBeGreaterThan(0.05);
    // The jaw follows the loudness envelope without trailing it (the quality goal: lag 0 ± 1 frame, a strong peak).
    const { lag, correlation } = envelopeLagFrames(result.curves.jawOpen, result.loudness);
    expect(Math.abs(lag), `lag ${lag} (r ${correlation.toFixed(2)})`).toBeLessThanOrEqual(1);
    // Under loud music the loudness envelope is partly the music's, which the jaw rightly does not follow. A
    // murmured /m/ is loud with the jaw shut: since nasal closures are read on speaker-normalised formants, more of
    // them close the lips (fr_fleurs: r 0.49 where it was above 0.5).
    expect(correlation).toBeGreaterThan(clip.includes('noisy') ? 0.2 : 0.45);
    // Outside speech (VAD) the jaw rests.
    const silentFrames = result.curves.jawOpen.filter((_, k) => !result.vad.some((s) => k / 25 >= s.start - 0.2 && k / 25 <= s.end + 0.2));
    if (silentFrames.length) expect(Math.max(...silentFrames)).toBeLessThan(0.15);
  }, 15_000);

  it.skipIf(!hasSharedMedia)('aligns a transcript when given one', async () => {
    const audio = await decodeAudio(tools, join(AUDIO, 'en_ljspeech_LJ001-0001.wav'));
    const transcript = readFileSync(join(AUDIO, 'en_ljspeech_LJ001-0001.txt'), 'utf8');
    const result = await analyzeSpeech({ audio, transcript, fps: 30 }, {});
    expect(result.timeline.source).toBe('alignment');
    expect(result.timeline.words.length).toBeGreaterThan(15);
    expect(result.visemes.length).toBeGreaterThan(50);
  }, 15_000);

  it('stops when cancelled and rejects a frame rate it cannot use', async () => {
    const audio = await decodeAudio(tools, SAMPLE_VOICE);
    const abort = new AbortController();
    abort.abort();
    await expect(analyzeSpeech({ audio, fps: 30 }, { signal: abort.signal })).rejects.toBeInstanceOf(CancelledError);
    await expect(analyzeSpeech({ audio, fps: 0 }, {})).rejects.toThrow(/fps/);
  });
});
