import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FfmpegTools } from '../media/ffmpeg-tools.js';
import { getTools, hasSharedMedia, media } from '../media/test-support/media-fixtures.js';
import { alignTranscript } from './align-transcript.js';
import { decodeAudio } from './decode-audio.js';
import { detectSpeech } from './vad.js';

let tools: FfmpegTools;
beforeAll(async () => {
  tools = await getTools();
});

const transcript = (clip: string) => readFileSync(media(`audio/${clip.replace(/\.(wav|ogg)$/, '.txt')}`), 'utf8');

describe.skipIf(!hasSharedMedia)('alignTranscript on real recordings', () => {
  it.each([
    ['en_ljspeech_LJ001-0001.wav', 'en-us', 'en_jfk_inaugural.wav'],
    ['es_fleurs_es_000.ogg', 'es', 'fr_fleurs_fr_002.ogg'],
    ['fr_fleurs_fr_002.ogg', 'fr', 'es_fleurs_es_000.ogg'],
  ])('times the words of %s (%s) inside its speech, and trusts its own transcript more than another', async (clip, language, other) => {
    const audio = await decodeAudio(tools, media(`audio/${clip}`));
    const vad = await detectSpeech(audio);
    const started = performance.now();
    const timeline = await alignTranscript(audio, transcript(clip), { language, vad });
    const ms = performance.now() - started;
    const wrong = await alignTranscript(audio, transcript(other), { language, vad });
    const inSpeech = timeline.words.filter((w) => vad.some((s) => (w.start + w.end) / 2 >= s.start && (w.start + w.end) / 2 <= s.end)).length;
    console.log(
      `${clip}: ${timeline.words.length} words in ${ms.toFixed(0)} ms, ${inSpeech} with their middle inside VAD speech, confidence ${timeline.confidence} (another clip's transcript: ${wrong.confidence})`,
    );
    const spokenWords = transcript(clip).split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
    expect(timeline.words.length).toBeGreaterThanOrEqual(spokenWords * 0.9);
    expect(inSpeech / timeline.words.length).toBeGreaterThan(0.9);
    expect(timeline.words[0].start).toBeGreaterThanOrEqual(vad[0].start - 0.3);
    expect(timeline.words.at(-1)!.end).toBeLessThanOrEqual(vad.at(-1)!.end + 0.3);
    for (let i = 1; i < timeline.phonemes.length; i++) expect(timeline.phonemes[i].start).toBeCloseTo(timeline.phonemes[i - 1].end, 6);
    expect(timeline.confidence).toBeGreaterThan(wrong.confidence + 0.2);
  });

  it('puts a pause where JFK pauses, even where the transcript has no comma', async () => {
    const audio = await decodeAudio(tools, media('audio/en_jfk_inaugural.wav'));
    const timeline = await alignTranscript(audio, transcript('en_jfk_inaugural.wav'));
    // "… ask not | what your country can do for you …": about a second of silence after "not".
    const not = timeline.words.findIndex((w) => w.text === 'not');
    const between = timeline.phonemes.filter((p) => p.start >= timeline.words[not].start && p.end <= timeline.words[not + 1].end);
    const pause = between.filter((p) => p.phoneme === '_').reduce((sum, p) => sum + p.end - p.start, 0);
    console.log(`JFK: pause of ${pause.toFixed(2)} s between "not" and "what"; ${timeline.words.map((w) => `${w.text}@${w.start.toFixed(2)}`).join(' ')}`);
    expect(pause).toBeGreaterThan(0.4);
  });
});
